package io.mlship.core.scan.osv;

import java.util.Locale;

/** Package names as each ecosystem compares them: PyPI per PEP 503 (case and runs of "-_." do not matter). */
public final class PackageNames {

    private PackageNames() {
    }

    public static String normalize(String ecosystem, String name) {
        String n = name.strip();
        if (ecosystem.equalsIgnoreCase("PyPI")) {
            return pep503(n);
        }
        return n;
    }

    /**
     * Lower case, every run of "-", "_" and "." one "-". A loop, not {@code replaceAll("[-_.]+", "-")}: that
     * compiles its pattern on every call, and a scan normalises every folder name of the database at start.
     */
    private static String pep503(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder normal = new StringBuilder(lower.length());
        boolean inRun = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean separator = c == '-' || c == '_' || c == '.';
            if (!separator) {
                normal.append(c);
            } else if (!inRun) {
                normal.append('-');
            }
            inRun = separator;
        }
        return normal.toString();
    }

    /** The ecosystem without its release suffix: {@code Debian:12} → {@code Debian}. */
    public static String baseEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
