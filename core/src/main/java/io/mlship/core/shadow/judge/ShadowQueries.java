package io.mlship.core.shadow.judge;

import io.mlship.core.shadow.compare.ComparatorMetrics;
import java.util.Optional;

/**
 * The PromQL of each criterion over one shadow's series ({@code shadow="<id>"}). Counters are read as totals: a
 * comparator lives exactly as long as its shadow, so its counters are the shadow's whole history, and agreement is
 * then exactly agreeing pairs over compared pairs.
 *
 * <p>With {@code mesh} workloads, the request counts, the candidate's error rate and the p99s come from Istio's
 * standard metrics of those workloads instead ({@code reporter="destination"}: each request once, as the model's own
 * sidecar saw it; with both sides in the mesh the source sidecar reports it too, and the two latencies differ). They
 * are totals as well: the baseline and candidate Deployments are created for the shadow, so their sidecars' counters
 * start with it. Agreement always comes from the comparator.
 */
public record ShadowQueries(String shadowId, Optional<MeshWorkloads> mesh) {

    public static final String ISTIO_REQUESTS = "istio_requests_total";
    public static final String ISTIO_DURATION = "istio_request_duration_milliseconds";

    public ShadowQueries {
        mesh = mesh == null ? Optional.empty() : mesh;
    }

    /** On the comparator's series only. */
    public ShadowQueries(String shadowId) {
        this(shadowId, Optional.empty());
    }

    /** Agreement from the comparator; requests, errors and latency from Istio's series of {@code workloads}. */
    public static ShadowQueries mesh(String shadowId, MeshWorkloads workloads) {
        return new ShadowQueries(shadowId, Optional.of(workloads));
    }

    private static String meshSelector(MeshWorkloads w, String workload, String extra) {
        return "{reporter=\"destination\",destination_workload_namespace=\"" + w.namespace() + "\",destination_workload=\""
                + workload + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private String workload(MeshWorkloads w, String variant) {
        return variant.equals("candidate") ? w.candidate() : w.baseline();
    }

    private String selector(String extra) {
        return "{shadow=\"" + shadowId + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public String pairs() {
        return "sum(" + ComparatorMetrics.PAIRS + selector("result=~\"agree|disagree\"") + ")";
    }

    public String agreement() {
        return "sum(" + ComparatorMetrics.PAIRS + selector("result=\"agree\"") + ") / " + pairs();
    }

    public String candidateRequests() {
        return requests("candidate");
    }

    public String baselineRequests() {
        return requests("baseline");
    }

    private String requests(String variant) {
        if (mesh.isPresent()) {
            return "sum(" + ISTIO_REQUESTS + meshSelector(mesh.get(), workload(mesh.get(), variant), "") + ")";
        }
        return "sum(" + ComparatorMetrics.REQUESTS + selector("variant=\"" + variant + "\"") + ")";
    }

    /** Non-2xx answers, time-outs and connection errors of the candidate over all its requests. */
    public String candidateErrorRate() {
        if (mesh.isPresent()) {
            // response_code "0": the sidecar got no answer (reset, time-out); like the comparator's timeout/error codes
            return "(sum(" + ISTIO_REQUESTS + meshSelector(mesh.get(), mesh.get().candidate(), "response_code!~\"2..\"")
                    + ") or vector(0)) / " + candidateRequests();
        }
        return "(sum(" + ComparatorMetrics.REQUESTS + selector("variant=\"candidate\",code!~\"2..\"") + ") or vector(0)) / "
                + candidateRequests();
    }

    public String p99(String variant) {
        if (mesh.isPresent()) {
            return "histogram_quantile(0.99, sum by (le) (" + ISTIO_DURATION + "_bucket"
                    + meshSelector(mesh.get(), workload(mesh.get(), variant), "") + "))";
        }
        return "histogram_quantile(0.99, sum by (le) (" + ComparatorMetrics.DURATION + "_bucket"
                + selector("variant=\"" + variant + "\"") + "))";
    }

    public String latencyRatio() {
        return p99("candidate") + " / " + p99("baseline");
    }

    public String droppedCopies() {
        return "sum(" + ComparatorMetrics.DROPPED + selector("") + ")";
    }
}
