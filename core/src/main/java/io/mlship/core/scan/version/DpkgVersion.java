package io.mlship.core.scan.version;

/**
 * Debian package versions, ordered as dpkg does ({@code [epoch:]upstream[-revision]}, Debian Policy 5.6.12):
 * the epoch first, then upstream and revision with dpkg's {@code verrevcmp}, where letters sort before
 * other characters and {@code ~} before everything, even the end of the string (so 1.0~rc1 &lt; 1.0).
 */
public final class DpkgVersion {

    public static final VersionScheme SCHEME = new VersionScheme() {
        @Override
        public boolean isValid(String version) {
            return version != null && !version.isBlank() && Character.isDigit(upstream(version.strip()).charAt(0));
        }

        @Override
        public int compare(String left, String right) {
            return DpkgVersion.compare(left, right);
        }
    };

    private DpkgVersion() {
    }

    public static int compare(String left, String right) {
        String a = left.strip();
        String b = right.strip();
        int c = Long.compare(epoch(a), epoch(b));
        if (c != 0) {
            return c;
        }
        c = verrevcmp(upstream(a), upstream(b));
        return c != 0 ? c : verrevcmp(revision(a), revision(b));
    }

    private static long epoch(String version) {
        int colon = version.indexOf(':');
        return colon < 0 ? 0 : Long.parseLong(version.substring(0, colon));
    }

    private static String withoutEpoch(String version) {
        return version.substring(version.indexOf(':') + 1);
    }

    private static String upstream(String version) {
        String rest = withoutEpoch(version);
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? rest : rest.substring(0, dash);
    }

    /** The Debian revision; absent is the same as empty, which sorts before any other revision. */
    private static String revision(String version) {
        String rest = withoutEpoch(version);
        int dash = rest.lastIndexOf('-');
        return dash < 0 ? "" : rest.substring(dash + 1);
    }

    private static int order(String s, int i) {
        if (i >= s.length()) {
            return 0;
        }
        char c = s.charAt(i);
        if (Character.isDigit(c)) {
            return 0;
        }
        if (Character.isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    /** dpkg's lib/dpkg/version.c verrevcmp: alternate non-digit and digit runs. */
    private static int verrevcmp(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            int firstDiff = 0;
            while ((i < a.length() && !Character.isDigit(a.charAt(i))) || (j < b.length() && !Character.isDigit(b.charAt(j)))) {
                int ac = order(a, i);
                int bc = order(b, j);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            while (i < a.length() && Character.isDigit(a.charAt(i)) && j < b.length() && Character.isDigit(b.charAt(j))) {
                if (firstDiff == 0) {
                    firstDiff = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && Character.isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && Character.isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }
}
