package io.mlship.core.shadow.kubernetes;

import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A shadow on Kubernetes or OpenShift with Istio: the deploy request of the candidate (its spec names the candidate
 * image, the live name and namespace, limits and probes, the cluster; promotion deploys exactly it), the shadow
 * section, the Prometheus that scrapes the comparator (and, for {@code analysis.metrics: mesh}, Istio's sidecars),
 * the comparator image when the spec does not name one, the shadow id when the caller chooses it (default
 * {@code <name>-shadow-<hex>}), and where the report goes.
 */
public record KubernetesShadowRequest(DeployRequest candidate, ShadowSpec shadow, URI prometheus, Optional<String> comparatorImage,
                                      Optional<String> shadowId, Path reportDirectory) {

    public KubernetesShadowRequest {
        Objects.requireNonNull(candidate, "candidate");
        shadow = shadow == null ? ShadowSpec.defaults() : shadow;
        prometheus = prometheus == null ? URI.create("http://127.0.0.1:9090") : prometheus;
        comparatorImage = comparatorImage == null ? Optional.empty() : comparatorImage;
        shadowId = shadowId == null ? Optional.empty() : shadowId;
        reportDirectory = reportDirectory == null ? candidate.logDirectory() : reportDirectory;
    }
}
