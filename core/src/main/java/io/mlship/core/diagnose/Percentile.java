package io.mlship.core.diagnose;

import java.util.Arrays;

/** The φ-quantile with linear interpolation between ranks, as Prometheus' quantile_over_time computes it. */
final class Percentile {

    private Percentile() {
    }

    static double of(double[] values, double phi) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = phi * (sorted.length - 1);
        int lower = (int) Math.floor(rank);
        int upper = Math.min(lower + 1, sorted.length - 1);
        double weight = rank - lower;
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }
}
