package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.util.Locale;

/**
 * Whose numbers the error-rate and latency criteria read. Agreement always comes from the comparator (only it sees
 * both answers); the candidate's errors and the p99 of both sides can come from the comparator's own series or, on a
 * cluster with Istio (or OpenShift Service Mesh), from the mesh's {@code istio_requests_total} and
 * {@code istio_request_duration_milliseconds_bucket}, for teams whose dashboards and alerts already use those.
 */
public enum MetricsSource {
    /** {@code mlship_shadow_requests_total} and {@code mlship_shadow_request_duration_seconds}, as the comparator saw them. */
    COMPARATOR,
    /** Istio's standard metrics of the candidate's and the baseline's workloads, as their sidecars reported them. */
    MESH;

    public static MetricsSource parse(String text, String path) {
        for (MetricsSource source : values()) {
            if (source.name().toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT))) {
                return source;
            }
        }
        throw new MlshipException(path + " `" + text + "` must be comparator (the comparator's series, the default) or mesh "
                + "(Istio's istio_requests_total / istio_request_duration_milliseconds_bucket; Kubernetes and OpenShift with a mesh only)");
    }
}
