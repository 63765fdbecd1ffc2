package io.mlship.core.shadow;

import io.mlship.core.report.JsonReport;
import io.mlship.core.shadow.judge.Decision;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.ShadowOutcome;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code shadow-report.json}: the outcome and its reason, the compared pairs and the agreement, the live errors seen
 * while the shadow ran (absent when the front end cannot count them), and every decision row of every check.
 */
public final class ShadowReport {

    public static final String FILE_NAME = "shadow-report.json";

    private ShadowReport() {
    }

    public static Map<String, Object> of(String shadowId, Judgement judgement, Optional<Long> liveErrors) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("shadow", shadowId);
        report.put("outcome", judgement.outcome().name());
        report.put("exitCode", judgement.outcome().exitCode());
        report.put("reason", judgement.reason());
        report.put("seconds", Math.round(judgement.seconds() * 10) / 10.0);
        report.put("pairs", judgement.pairs());
        report.put("agreement", judgement.agreement().orElse(null));
        report.put("liveErrors", liveErrors.orElse(null));
        report.put("decisions", judgement.decisions().stream().map(ShadowReport::row).toList());
        return report;
    }

    private static Map<String, Object> row(Decision d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("secondsIn", Math.round(d.secondsIn() * 10) / 10.0);
        row.put("metric", d.metric());
        row.put("value", d.value());
        row.put("threshold", d.threshold());
        row.put("verdict", d.verdict().label());
        row.put("query", d.query());
        return row;
    }

    public static void write(String shadowId, Judgement judgement, Optional<Long> liveErrors, Path file) {
        JsonReport.write(of(shadowId, judgement, liveErrors), file);
    }

    /**
     * The report of a whole run: the judge's rows, and the run's final outcome, which differs from the judge's when the
     * promotion's deploy failed (then ABORTED, the judge's PROMOTED kept as {@code judged}); {@code promotion} is that
     * deploy's outcome (DEPLOYED, ROLLED_BACK, ...) when there was one.
     */
    public static void write(String shadowId, Judgement judgement, ShadowOutcome outcome, String reason, Optional<Long> liveErrors,
                             Optional<String> promotion, Path file) {
        Map<String, Object> report = of(shadowId, judgement, liveErrors);
        report.put("judged", judgement.outcome().name());
        report.put("outcome", outcome.name());
        report.put("exitCode", outcome.exitCode());
        report.put("reason", reason);
        report.put("promotion", promotion.orElse(null));
        JsonReport.write(report, file);
    }
}
