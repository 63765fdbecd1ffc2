package io.mlship.core.deploy.service;

import io.mlship.core.deploy.DeployResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shape of a deploy result, for pipelines and dashboards. */
final class DeployReport {

    private DeployReport() {
    }

    static Map<String, Object> of(DeployResult result) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("target", result.target());
        report.put("object", result.object());
        report.put("image", result.image());
        report.put("outcome", result.outcome().name());
        report.put("succeeded", result.succeeded());
        result.revision().ifPresent(r -> report.put("revision", r));
        result.url().ifPresent(u -> report.put("url", u));
        result.edge().ifPresent(e -> report.put("edge", e));
        result.failure().ifPresent(f -> {
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("reason", f.reason().name());
            f.pod().ifPresent(p -> failure.put("pod", p));
            f.container().ifPresent(c -> failure.put("container", c));
            f.exitCode().ifPresent(c -> failure.put("exitCode", c));
            failure.put("restarts", f.restarts());
            failure.put("limits", f.limits());
            failure.put("detail", f.detail());
            failure.put("lastLines", f.lastLines());
            failure.put("summary", f.summary());
            report.put("failure", failure);
        });
        result.failureSeenAt().ifPresent(t -> report.put("failureSeenAt", t.toString()));
        result.rollbackNote().ifPresent(n -> report.put("rollback", n));
        result.recommendation().ifPresent(r -> report.put("recommendation", r.toReport()));
        report.put("logDirectory", result.logDirectory().toAbsolutePath().toString());
        report.put("evidence", result.evidence().stream().map(p -> p.toAbsolutePath().toString()).toList());
        report.put("durationMillis", result.duration().toMillis());
        return report;
    }
}
