package io.mlship.core.scan.osv;

import java.util.Locale;

/** Package names as each ecosystem compares them: PyPI per PEP 503 (case and runs of "-_." do not matter). */
public final class PackageNames {

    private PackageNames() {
    }

    public static String normalize(String ecosystem, String name) {
        String n = name.strip();
        if (ecosystem.equalsIgnoreCase("PyPI")) {
            return n.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        }
        return n;
    }

    /** The ecosystem without its release suffix: {@code Debian:12} → {@code Debian}. */
    public static String baseEcosystem(String ecosystem) {
        int colon = ecosystem.indexOf(':');
        return colon < 0 ? ecosystem : ecosystem.substring(0, colon);
    }
}
