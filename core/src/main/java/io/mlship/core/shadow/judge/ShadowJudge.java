package io.mlship.core.shadow.judge;

import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a shadow. Every {@code interval} it evaluates each criterion with PromQL and prints one row per
 * criterion; between checks it polls the candidate's events every 100 ms, so an OOM kill or a crash aborts at once,
 * without waiting for a scrape.
 *
 * <p>Rules: a criterion whose sample count is below {@code minRequests} is no-data, never pass. A failed criterion
 * counts a failure; {@code failureLimit} failures abort. All criteria passing after {@code minDuration} promotes.
 * Reaching {@code maxDuration} without either ends by {@code noData}: inconclusive (default) or abort.
 */
public final class ShadowJudge {

    private static final long POLL_MILLIS = 100;
    private static final String EVENTS = "container events";

    private final PrometheusQueries prometheus;
    private final ShadowQueries queries;
    private final AnalysisSpec analysis;
    private final CriteriaSpec criteria;
    private final Optional<MemoryCriterion> memory;
    private final CandidateHealth.Watch watch;
    private final LogSink console;

    public ShadowJudge(PrometheusQueries prometheus, ShadowQueries queries, AnalysisSpec analysis, CriteriaSpec criteria,
                       Optional<MemoryCriterion> memory, CandidateHealth.Watch watch, LogSink console) {
        this.prometheus = prometheus;
        this.queries = queries;
        this.analysis = analysis;
        this.criteria = criteria;
        this.memory = memory;
        this.watch = watch;
        this.console = console;
    }

    public Judgement judge() throws InterruptedException {
        long start = System.nanoTime();
        List<Decision> all = new ArrayList<>();
        int failures = 0;
        long pairs = 0;
        Optional<Double> agreement = Optional.empty();
        long intervalMillis = analysis.interval().toMillis();
        console.line(String.format(Locale.ROOT, "%7s  %-22s %-14s %-18s %s", "time", "metric", "value", "threshold", "verdict"));
        for (long next = intervalMillis; ; next += intervalMillis) {
            // wait for the next check, watching the candidate's events in between
            while (elapsedMillis(start) < next) {
                CandidateHealth health = watch.now();
                if (health.abortsNow()) {
                    List<Decision> rows = healthRows(seconds(start), health);
                    rows.forEach(d -> console.line(d.line()));
                    all.addAll(rows);
                    String why = health.fatal().orElse(health.oomKills() > 0 ? "the candidate was OOM-killed"
                            : "the candidate restarted");
                    return new Judgement(ShadowOutcome.ABORTED, why, pairs, agreement, all, seconds(start));
                }
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, next - elapsedMillis(start))));
            }
            double t = seconds(start);
            Optional<Double> pairCount = prometheus.value(queries.pairs());
            pairs = pairCount.map(Double::longValue).orElse(0L);
            List<Decision> rows = evaluate(t, pairs);
            rows.forEach(d -> console.line(d.line()));
            all.addAll(rows);
            agreement = rows.stream().filter(d -> d.metric().equals("agreement")).findFirst().map(Decision::value);
            boolean failed = rows.stream().anyMatch(d -> d.verdict() == Verdict.FAIL);
            boolean passed = rows.stream().allMatch(d -> d.verdict() == Verdict.PASS);
            if (failed) {
                failures++;
                if (failures >= analysis.failureLimit()) {
                    String failing = String.join(", ", rows.stream().filter(d -> d.verdict() == Verdict.FAIL)
                            .map(d -> d.metric() + " " + d.value() + " (threshold " + d.threshold() + ")"
                                    // a fatal event seen at a check: its text, not only "candidateRestarts 0.0"
                                    + (d.query() != null && d.query().startsWith(EVENTS + ": ") ? ": " + d.query().substring(EVENTS.length() + 2) : ""))
                            .toList());
                    return new Judgement(ShadowOutcome.ABORTED, "failed: " + failing, pairs, agreement, all, t);
                }
            } else if (passed && t >= analysis.minDuration().toMillis() / 1000.0) {
                return new Judgement(ShadowOutcome.PROMOTED, "every criterion passed over " + pairs + " pairs",
                        pairs, agreement, all, t);
            }
            if (t >= analysis.maxDuration().toMillis() / 1000.0) {
                String missing = String.join(", ", rows.stream().filter(d -> d.verdict() == Verdict.NO_DATA)
                        .map(Decision::metric).toList());
                String why = "no decision by maxDuration " + analysis.maxDuration().toSeconds() + "s"
                        + (missing.isEmpty() ? "" : " (no data: " + missing + ")");
                return analysis.noData() == NoDataPolicy.FAIL
                        ? new Judgement(ShadowOutcome.ABORTED, why + "; noData is fail", pairs, agreement, all, t)
                        : new Judgement(ShadowOutcome.INCONCLUSIVE, why, pairs, agreement, all, t);
            }
        }
    }

    private List<Decision> evaluate(double t, long pairs) {
        List<Decision> rows = new ArrayList<>();
        int min = analysis.minRequests();
        rows.add(new Decision(t, "pairs", (double) pairs, ">= " + min, pairs >= min ? Verdict.PASS : Verdict.NO_DATA,
                queries.pairs()));
        rows.add(atLeast(t, "agreement", queries.agreement(), criteria.minAgreement(), pairs >= min));
        long candidateRequests = prometheus.value(queries.candidateRequests()).map(Double::longValue).orElse(0L);
        long baselineRequests = prometheus.value(queries.baselineRequests()).map(Double::longValue).orElse(0L);
        rows.add(atMost(t, "candidateErrorRate", queries.candidateErrorRate(), criteria.maxErrorRate(),
                candidateRequests >= min));
        rows.add(atMost(t, "latencyP99Ratio", queries.latencyRatio(), criteria.maxLatencyRatio(),
                candidateRequests >= min && baselineRequests >= min));
        memory.ifPresent(m -> {
            Optional<Double> peak = prometheus.value(m.peakQuery());
            Optional<Double> share = peak.map(bytes -> bytes / m.limitBytes());
            rows.add(new Decision(t, "memoryPeakShare", share.orElse(null), "<= " + m.maxShare(),
                    share.map(s -> s <= m.maxShare() ? Verdict.PASS : Verdict.FAIL).orElse(Verdict.NO_DATA), m.peakQuery()));
        });
        rows.addAll(healthRows(t, watch.now()));
        return rows;
    }

    private Decision atLeast(double t, String metric, String query, double threshold, boolean enough) {
        Optional<Double> value = prometheus.value(query);
        Verdict verdict = value.isEmpty() || !enough ? Verdict.NO_DATA : value.get() >= threshold ? Verdict.PASS : Verdict.FAIL;
        return new Decision(t, metric, value.orElse(null), ">= " + threshold, verdict, query);
    }

    private Decision atMost(double t, String metric, String query, double threshold, boolean enough) {
        Optional<Double> value = prometheus.value(query);
        Verdict verdict = value.isEmpty() || !enough ? Verdict.NO_DATA : value.get() <= threshold ? Verdict.PASS : Verdict.FAIL;
        return new Decision(t, metric, value.orElse(null), "<= " + threshold, verdict, query);
    }

    private static List<Decision> healthRows(double t, CandidateHealth health) {
        List<Decision> rows = new ArrayList<>();
        rows.add(new Decision(t, "candidateOomKills", (double) health.oomKills(), "= 0",
                health.oomKills() == 0 ? Verdict.PASS : Verdict.FAIL, "container events"));
        rows.add(new Decision(t, "candidateRestarts", (double) health.restarts(), "= 0",
                health.restarts() == 0 && health.fatal().isEmpty() ? Verdict.PASS : Verdict.FAIL,
                health.fatal().map(f -> EVENTS + ": " + f).orElse(EVENTS)));
        return rows;
    }

    private static long elapsedMillis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
