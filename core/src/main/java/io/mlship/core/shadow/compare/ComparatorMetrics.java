package io.mlship.core.shadow.compare;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The comparator's counters in Prometheus' text exposition format. Every series carries {@code shadow="<id>"}, so
 * two shadows scraped by one Prometheus never mix their numbers. Counters only grow; the judge reads them as totals
 * over the shadow's life (a comparator lives exactly as long as its shadow).
 */
public final class ComparatorMetrics {

    /** Upper bounds of the latency buckets, in seconds (the last, +Inf, is implicit). */
    static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    public static final String REQUESTS = "mlship_shadow_requests_total";
    public static final String DURATION = "mlship_shadow_request_duration_seconds";
    public static final String PAIRS = "mlship_shadow_pairs_total";
    public static final String OUTPUT_PAIRS = "mlship_shadow_output_pairs_total";
    public static final String RECEIVED = "mlship_shadow_copies_received_total";
    public static final String DROPPED = "mlship_shadow_copies_dropped_total";

    private final String shadow;
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<PairResult, LongAdder> pairs = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> outputPairs = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    ComparatorMetrics(String shadow) {
        this.shadow = shadow;
        for (PairResult result : PairResult.values()) {
            pairs.put(result, new LongAdder());
        }
        for (String variant : List.of(Variant.BASELINE, Variant.CANDIDATE)) {
            durations.put(variant, new Histogram());
        }
    }

    /** The names of the two sides, as they appear in the {@code variant} label. */
    public static final class Variant {
        public static final String BASELINE = "baseline";
        public static final String CANDIDATE = "candidate";

        private Variant() {
        }
    }

    void copyReceived() {
        received.increment();
    }

    void copyDropped() {
        dropped.increment();
    }

    /** One answer (or failure: code {@code timeout} or {@code error}) of a variant and how long it took. */
    void answered(String variant, String code, double seconds) {
        requests.computeIfAbsent(variant + "\u0000" + code, k -> new LongAdder()).increment();
        durations.get(variant).observe(seconds);
    }

    void compared(OutputComparison.Outcome outcome) {
        pairs.get(outcome.pair()).increment();
        outcome.outputs().forEach((output, same) ->
                outputPairs.computeIfAbsent(output + "\u0000" + (same ? "agree" : "disagree"), k -> new LongAdder()).increment());
    }

    void unpaired() {
        pairs.get(PairResult.UNPAIRED).increment();
    }

    public long pairs(PairResult result) {
        return pairs.get(result).sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public long received() {
        return received.sum();
    }

    /** The exposition text, as served at {@code /metrics}. */
    public String exposition() {
        StringBuilder out = new StringBuilder();
        String id = "shadow=\"" + escape(shadow) + "\"";
        out.append("# HELP ").append(RECEIVED).append(" Mirrored copies received.\n# TYPE ").append(RECEIVED).append(" counter\n");
        out.append(RECEIVED).append('{').append(id).append("} ").append(received.sum()).append('\n');
        out.append("# HELP ").append(DROPPED).append(" Mirrored copies dropped because the queue was full.\n# TYPE ")
                .append(DROPPED).append(" counter\n");
        out.append(DROPPED).append('{').append(id).append("} ").append(dropped.sum()).append('\n');
        out.append("# HELP ").append(REQUESTS).append(" Answers of baseline and candidate by status code.\n# TYPE ")
                .append(REQUESTS).append(" counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            out.append(REQUESTS).append('{').append(id).append(",variant=\"").append(parts[0]).append("\",code=\"")
                    .append(escape(parts[1])).append("\"} ").append(count.sum()).append('\n');
        });
        out.append("# HELP ").append(PAIRS).append(" Compared pairs by result.\n# TYPE ").append(PAIRS).append(" counter\n");
        for (PairResult result : PairResult.values()) {
            out.append(PAIRS).append('{').append(id).append(",result=\"").append(result.label()).append("\"} ")
                    .append(pairs.get(result).sum()).append('\n');
        }
        out.append("# HELP ").append(OUTPUT_PAIRS).append(" Compared pairs by output and result.\n# TYPE ")
                .append(OUTPUT_PAIRS).append(" counter\n");
        new TreeMap<>(outputPairs).forEach((key, count) -> {
            String[] parts = key.split("\u0000", 2);
            out.append(OUTPUT_PAIRS).append('{').append(id).append(",output=\"").append(escape(parts[0]))
                    .append("\",result=\"").append(parts[1]).append("\"} ").append(count.sum()).append('\n');
        });
        out.append("# HELP ").append(DURATION).append(" Answer time of baseline and candidate.\n# TYPE ").append(DURATION)
                .append(" histogram\n");
        new TreeMap<>(durations).forEach((variant, histogram) -> histogram.write(out, DURATION, id + ",variant=\"" + variant + "\""));
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A cumulative histogram; {@code observe} is lock-free, a scrape reads a consistent-enough snapshot. */
    private static final class Histogram {
        private final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        private final java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double seconds) {
            int i = 0;
            while (i < BUCKETS.length && seconds > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(seconds);
        }

        void write(StringBuilder out, String name, String labels) {
            long cumulative = 0;
            for (int i = 0; i < counts.length; i++) {
                cumulative += counts[i].sum();
                String le = i < BUCKETS.length ? Double.toString(BUCKETS[i]) : "+Inf";
                out.append(name).append("_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                        .append(cumulative).append('\n');
            }
            out.append(name).append("_sum{").append(labels).append("} ").append(sum.sum()).append('\n');
            out.append(name).append("_count{").append(labels).append("} ").append(cumulative).append('\n');
        }
    }
}
