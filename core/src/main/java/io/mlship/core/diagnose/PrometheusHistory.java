package io.mlship.core.diagnose;

import io.mlship.core.resources.MemorySize;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The history of one container (Docker host: label {@code name}) or one workload's containers (Kubernetes:
 * {@code namespace}/{@code pod}/{@code container}) from Prometheus, with cAdvisor's metric names, which mlship's
 * Docker exporter also serves. Every query and its answer go into the report.
 */
final class PrometheusHistory {

    static final String SOURCE = "prometheus";

    private final PrometheusClient client;
    private final DiagnoseRequest request;
    private final Instant at;
    private final String selector;
    private final String window;
    private final String step;
    private final String rateRange;

    PrometheusHistory(PrometheusClient client, DiagnoseRequest request, Instant at) {
        this.client = client;
        this.request = request;
        this.at = at;
        this.selector = selector(request);
        this.window = DiagnoseRequest.promDuration(request.window());
        this.step = DiagnoseRequest.promDuration(request.step());
        this.rateRange = DiagnoseRequest.promDuration(request.step().multipliedBy(2));
    }

    String url() {
        return client.base().toString();
    }

    /** Label matchers: a Docker container by name; a pod by name, or a Deployment's/StatefulSet's pods by prefix. */
    static String selector(DiagnoseRequest request) {
        String name = escape(request.name());
        if (!request.target().cluster()) {
            return "name=\"" + name + "\"";
        }
        String pods = name + "|" + name + "-[a-z0-9]+(-[a-z0-9]+)?";
        return "namespace=\"" + escape(request.namespace()) + "\",pod=~\"" + pods + "\",container!=\"\",container!=\"POD\"";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    void read(Observations o) {
        o.usageSource = SOURCE + " (" + window + ")";
        String ws = "container_memory_working_set_bytes{" + selector + "}";
        Optional<Double> points = query(o, "memory points", "sum(count_over_time(" + ws + "[" + window + "]))");
        Optional<Double> max = query(o, "max working set", "max(max_over_time(" + ws + "[" + window + "]))");
        Optional<Double> first = query(o, "first memory sample", "min(min_over_time(timestamp(" + ws + ")[" + window + ":" + step + "]))");
        Optional<Double> last = query(o, "last memory sample", "max(max_over_time(timestamp(" + ws + ")[" + window + ":" + step + "]))");
        o.memoryPoints = points.map(Double::longValue).orElse(0L);
        if (o.memoryPoints > 0) {
            o.maxWorkingSet = max.map(Double::longValue);
            o.span = span(first, last);
        }
        String cpu = "container_cpu_usage_seconds_total{" + selector + "}";
        Optional<Double> cpuPoints = query(o, "cpu points", "sum(count_over_time(" + cpu + "[" + window + "]))");
        Optional<Double> p95 = query(o, "cpu p95", "max(quantile_over_time(0.95, rate(" + cpu + "[" + rateRange + "])[" + window + ":" + step + "]))");
        Optional<Double> cpuFirst = query(o, "first cpu sample", "min(min_over_time(timestamp(" + cpu + ")[" + window + ":" + step + "]))");
        Optional<Double> cpuLast = query(o, "last cpu sample", "max(max_over_time(timestamp(" + cpu + ")[" + window + ":" + step + "]))");
        // the first sample of a counter gives no rate
        o.cpuPoints = Math.max(0, cpuPoints.map(Double::longValue).orElse(0L) - 1);
        if (o.cpuPoints > 0) {
            o.cpuP95 = p95;
            o.cpuSpan = span(cpuFirst, cpuLast);
        }
        Optional<Double> throttled = query(o, "throttled share", "sum(increase(container_cpu_cfs_throttled_periods_total{" + selector + "}["
                + window + "])) / sum(increase(container_cpu_cfs_periods_total{" + selector + "}[" + window + "]))");
        throttled.ifPresent(t -> o.throttledRatio = Optional.of(t));
        Optional<Double> limit = query(o, "memory limit", "max(max_over_time(container_spec_memory_limit_bytes{" + selector + "}[" + window + "]))");
        limit.filter(l -> l > 0 && o.memoryLimit.isEmpty()).ifPresent(l -> o.memoryLimit = Optional.of(new MemorySize(l.longValue())));
        if (request.target().cluster()) {
            String reason = "kube_pod_container_status_last_terminated_reason{" + selector + ",reason=\"OOMKilled\"}";
            query(o, "last terminated OOMKilled", "max(max_over_time(" + reason + "[" + window + "]))").filter(v -> v > 0).ifPresent(v -> {
                o.mainOomKilled = true;
                o.saw(SOURCE, "kube_pod_container_status_last_terminated_reason OOMKilled", "seen in the window");
            });
            Optional<Double> ooms = query(o, "oom events", "sum(increase(container_oom_events_total{" + selector + "}[" + window + "]))");
            // container_oom_events_total stays 0 when the main process dies (cadvisor#3015): a count is a child's kill
            ooms.filter(v -> v >= 0.5 && !o.mainOomKilled).ifPresent(v -> o.childOomKills = Math.max(o.childOomKills, Math.round(v)));
        }
        o.saw(SOURCE, "history", o.memoryPoints + " memory points over " + o.span.toMinutes() + " min in the last " + window);
    }

    private static Duration span(Optional<Double> first, Optional<Double> last) {
        if (first.isEmpty() || last.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.round((last.get() - first.get()) * 1000));
    }

    private Optional<Double> query(Observations o, String name, String promql) {
        Optional<Double> value = client.scalar(promql, at);
        o.queries.add(new QueryValue(name, promql, value));
        return value;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "history of {%s} over %s", selector, window);
    }
}
