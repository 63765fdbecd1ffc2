package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
        if (!request.target().cluster()) {
            return "name=\"" + escape(request.name()) + "\"";
        }
        String name = escape(request.name().replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0"));
        String pods = name + "|" + name + "-[a-z0-9]+(-[a-z0-9]+)?";
        return "namespace=\"" + escape(request.namespace()) + "\",pod=~\"" + pods + "\",container!=\"\",container!=\"POD\"";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    void read(Observations o) {
        o.usageSource = SOURCE + " (" + window + ")";
        String ws = "container_memory_working_set_bytes{" + selector + "}";
        String cpu = "container_cpu_usage_seconds_total{" + selector + "}";
        // all queries at once; each answer is recorded in the report in this order
        var memorySamples = samples("working set samples", ws + "[" + window + "]");
        var max = query("max working set", "max(max_over_time(" + ws + "[" + window + "]))");
        var cpuSamples = samples("cpu usage samples", cpu + "[" + window + "]");
        var p95 = query("cpu p95", "max(quantile_over_time(0.95, rate(" + cpu + "[" + rateRange + "])[" + window + ":" + step + "]))");
        var throttled = query("throttled share", "sum(increase(container_cpu_cfs_throttled_periods_total{" + selector + "}["
                + window + "])) / sum(increase(container_cpu_cfs_periods_total{" + selector + "}[" + window + "]))");
        var limit = query("memory limit", "max(max_over_time(container_spec_memory_limit_bytes{" + selector + "}[" + window + "]))");
        var lastReason = request.target().cluster() ? query("last terminated OOMKilled", "max(max_over_time(kube_pod_container_status_last_terminated_reason{"
                + selector + ",reason=\"OOMKilled\"}[" + window + "]))") : null;
        var oomEvents = request.target().cluster() ? query("oom events", "sum(increase(container_oom_events_total{" + selector + "}[" + window + "]))") : null;

        PrometheusClient.Samples memory = record(o, memorySamples);
        Optional<Double> maxValue = record(o, max);
        o.memoryPoints = memory.count();
        if (o.memoryPoints > 0) {
            o.maxWorkingSet = maxValue.map(Double::longValue);
            o.span = span(memory);
        }
        PrometheusClient.Samples cpuUsage = record(o, cpuSamples);
        Optional<Double> p95Value = record(o, p95);
        o.cpuPoints = Math.max(0, cpuUsage.count() - 1); // the first sample of a counter gives no rate
        if (o.cpuPoints > 0) {
            o.cpuP95 = p95Value;
            o.cpuSpan = span(cpuUsage);
        }
        record(o, throttled).ifPresent(t -> o.throttledRatio = Optional.of(t));
        record(o, limit).filter(l -> l > 0 && o.memoryLimit.isEmpty()).ifPresent(l -> o.memoryLimit = Optional.of(new MemorySize(l.longValue())));
        if (lastReason != null) {
            record(o, lastReason).filter(v -> v > 0).ifPresent(v -> {
                o.mainOomKilled = true;
                o.saw(SOURCE, "kube_pod_container_status_last_terminated_reason OOMKilled", "seen in the window");
            });
            // container_oom_events_total stays 0 when the main process dies (cadvisor#3015): a count is a child's kill
            record(o, oomEvents).filter(v -> v >= 0.5 && !o.mainOomKilled).ifPresent(v -> o.childOomKills = Math.max(o.childOomKills, Math.round(v)));
        }
        o.saw(SOURCE, "history", o.memoryPoints + " memory points over " + o.span.toMinutes() + " min in the last " + window);
    }

    private record Pending<T>(String name, String promql, CompletableFuture<T> answer) {
    }

    private Pending<Optional<Double>> query(String name, String promql) {
        return new Pending<>(name, promql, client.async(() -> client.scalar(promql, at)));
    }

    private Pending<PrometheusClient.Samples> samples(String name, String selector) {
        return new Pending<>(name, selector, client.async(() -> client.samples(selector, at)));
    }

    private static <T> T record(Observations o, Pending<T> pending) {
        T value;
        try {
            value = pending.answer().join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        Optional<Double> shown = value instanceof PrometheusClient.Samples s
                ? (s.count() == 0 ? Optional.<Double>empty() : Optional.of((double) s.count())) : castOptional(value);
        o.queries.add(new QueryValue(pending.name(), pending.promql(), shown));
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Optional<Double> castOptional(Object value) {
        return (Optional<Double>) value;
    }

    private static Duration span(PrometheusClient.Samples samples) {
        if (samples.count() < 2) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.round((samples.last() - samples.first()) * 1000));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "history of {%s} over %s", selector, window);
    }
}
