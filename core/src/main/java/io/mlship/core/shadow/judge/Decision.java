package io.mlship.core.shadow.judge;

/**
 * One row of the judge's evidence: at {@code secondsIn} into the shadow, {@code metric} measured {@code value}
 * (absent: no data) against {@code threshold}, by {@code query}.
 */
public record Decision(double secondsIn, String metric, Double value, String threshold, Verdict verdict, String query) {

    /** The row as the console prints it. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "%6.1fs  %-22s %-14s %-18s %s", secondsIn, metric,
                value == null ? "-" : format(value), threshold, verdict.label());
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.6g", value);
    }
}
