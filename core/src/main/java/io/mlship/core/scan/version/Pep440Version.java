package io.mlship.core.scan.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version as PEP 440 defines it: {@code [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local]},
 * with the spec's normalisations (alpha → a, c/pre/preview → rc, "-1" → .post1, leading "v", case) and
 * its total order (dev before pre before final before post; a local label sorts after its public version).
 */
public final class Pep440Version implements Comparable<Pep440Version> {

    /** The PEP 440 appendix regular expression, verbatim in meaning. */
    private static final Pattern PATTERN = Pattern.compile(
            "v?(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
                    + "(?<pre>[-_.]?(?<preL>alpha|beta|preview|pre|rc|a|b|c)[-_.]?(?<preN>[0-9]+)?)?"
                    + "(?<post>(?:-(?<postN1>[0-9]+))|(?:[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?))?"
                    + "(?<dev>[-_.]?(?<devL>dev)[-_.]?(?<devN>[0-9]+)?)?"
                    + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?");

    public static final VersionScheme SCHEME = new VersionScheme() {
        @Override
        public boolean isValid(String version) {
            return parse(version).isPresent();
        }

        @Override
        public int compare(String left, String right) {
            return of(left).compareTo(of(right));
        }
    };

    private static final int PRE_A = 0;
    private static final int PRE_B = 1;
    private static final int PRE_RC = 2;

    private final BigInteger epoch;
    private final List<BigInteger> release;
    /** Pre-release letter rank (a, b, rc) and number; null when there is none. */
    private final int[] preRank;
    private final BigInteger preNumber;
    private final BigInteger post;
    private final BigInteger dev;
    private final List<String> local;

    private Pep440Version(BigInteger epoch, List<BigInteger> release, int[] preRank, BigInteger preNumber,
                          BigInteger post, BigInteger dev, List<String> local) {
        this.epoch = epoch;
        this.release = release;
        this.preRank = preRank;
        this.preNumber = preNumber;
        this.post = post;
        this.dev = dev;
        this.local = local;
    }

    /**
     * Advisories list the same few thousand version strings over and over (TensorFlow: ~100 per advisory,
     * 240 advisories); parsing each once keeps matching cheap. Bounded, so odd input cannot grow it forever.
     */
    private static final Map<String, Optional<Pep440Version>> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_CACHED = 100_000;

    public static Optional<Pep440Version> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<Pep440Version> known = PARSED.get(text);
        if (known != null) {
            return known;
        }
        Optional<Pep440Version> parsed = parseUncached(text);
        if (PARSED.size() < MAX_CACHED) {
            PARSED.put(text, parsed);
        }
        return parsed;
    }

    private static Optional<Pep440Version> parseUncached(String text) {
        Matcher m = PATTERN.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        BigInteger epoch = m.group("epoch") == null ? BigInteger.ZERO : new BigInteger(m.group("epoch"));
        List<BigInteger> release = new ArrayList<>();
        for (String part : m.group("release").split("\\.")) {
            release.add(new BigInteger(part));
        }
        // Trailing zeros do not change a version: 1.0 == 1.0.0.
        while (release.size() > 1 && release.get(release.size() - 1).signum() == 0) {
            release.remove(release.size() - 1);
        }
        int[] preRank = null;
        BigInteger preNumber = null;
        if (m.group("pre") != null) {
            preRank = new int[] {switch (m.group("preL")) {
                case "a", "alpha" -> PRE_A;
                case "b", "beta" -> PRE_B;
                default -> PRE_RC;
            }};
            preNumber = number(m.group("preN"));
        }
        BigInteger post = null;
        if (m.group("post") != null) {
            post = number(m.group("postN1") != null ? m.group("postN1") : m.group("postN2"));
        }
        BigInteger dev = m.group("dev") == null ? null : number(m.group("devN"));
        List<String> local = m.group("local") == null ? List.of() : List.of(m.group("local").split("[-_.]"));
        return Optional.of(new Pep440Version(epoch, List.copyOf(release), preRank, preNumber, post, dev, local));
    }

    public static Pep440Version of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a PEP 440 version: " + text));
    }

    private static BigInteger number(String digits) {
        return digits == null ? BigInteger.ZERO : new BigInteger(digits);
    }

    @Override
    public int compareTo(Pep440Version other) {
        int c = epoch.compareTo(other.epoch);
        if (c != 0) {
            return c;
        }
        c = compareRelease(release, other.release);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(preKey(), other.preKey());
        if (c == 0 && preRank != null) {
            c = Integer.compare(preRank[0], other.preRank[0]);
            if (c == 0) {
                c = preNumber.compareTo(other.preNumber);
            }
        }
        if (c != 0) {
            return c;
        }
        c = compareMissingLowest(post, other.post);
        if (c != 0) {
            return c;
        }
        c = compareMissingHighest(dev, other.dev);
        if (c != 0) {
            return c;
        }
        return compareLocal(local, other.local);
    }

    /**
     * Where the pre-release part puts a version: a dev release of a final version (1.0.dev1) sorts before every
     * pre-release of it, a pre-release before the final version, which has no pre-release part.
     */
    private int preKey() {
        if (preRank == null && post == null && dev != null) {
            return -1;
        }
        return preRank == null ? 1 : 0;
    }

    private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
            BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int compareMissingLowest(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return a.compareTo(b);
    }

    private static int compareMissingHighest(BigInteger a, BigInteger b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    /** Local labels: none sorts first; segment by segment, numbers above strings, a longer label above its prefix. */
    private static int compareLocal(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            String x = a.get(i);
            String y = b.get(i);
            boolean xNum = x.chars().allMatch(Character::isDigit);
            boolean yNum = y.chars().allMatch(Character::isDigit);
            int c;
            if (xNum && yNum) {
                c = new BigInteger(x).compareTo(new BigInteger(y));
            } else if (xNum != yNum) {
                c = xNum ? 1 : -1;
            } else {
                c = x.compareTo(y);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pep440Version other && compareTo(other) == 0;
    }

    @Override
    public int hashCode() {
        return epoch.hashCode() * 31 + release.hashCode();
    }
}
