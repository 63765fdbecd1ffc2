package io.mlship.core.scan;

import io.mlship.core.MlshipException;
import java.util.Locale;

/**
 * How bad a finding is, in the CVSS v3 bands (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low &gt; 0).
 * {@link #UNKNOWN}: the advisory gives no score; the gate treats it as {@link #MEDIUM} so that an advisory
 * without a score neither slips through a "medium" gate nor fails a "high" one on a guess.
 */
public enum Severity {
    CRITICAL(4), HIGH(3), MEDIUM(2), LOW(1), UNKNOWN(2);

    private final int gateRank;

    Severity(int gateRank) {
        this.gateRank = gateRank;
    }

    /** Whether a finding of this severity reaches a gate set at {@code threshold}. */
    public boolean reaches(Severity threshold) {
        return gateRank >= threshold.gateRank;
    }

    public static Severity ofScore(double score) {
        if (score >= 9.0) {
            return CRITICAL;
        }
        if (score >= 7.0) {
            return HIGH;
        }
        if (score >= 4.0) {
            return MEDIUM;
        }
        return score > 0 ? LOW : UNKNOWN;
    }

    /** A severity word as advisories write it (GHSA's MODERATE is medium); anything else is unknown. */
    public static Severity ofWord(String word) {
        if (word == null) {
            return UNKNOWN;
        }
        return switch (word.strip().toUpperCase(Locale.ROOT)) {
            case "CRITICAL" -> CRITICAL;
            case "HIGH", "IMPORTANT" -> HIGH;
            case "MEDIUM", "MODERATE" -> MEDIUM;
            case "LOW", "NEGLIGIBLE" -> LOW;
            default -> UNKNOWN;
        };
    }

    /** The gate threshold a user names: critical, high or medium. */
    public static Severity threshold(String word) {
        Severity s = ofWord(word);
        if (s != CRITICAL && s != HIGH && s != MEDIUM) {
            throw new MlshipException("fail-on `" + word + "` is not a gate level; use critical, high or medium");
        }
        return s;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
