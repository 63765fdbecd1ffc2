package io.mlship.core.shadow.docker;

import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A shadow on a Docker host: the deploy request of the candidate (its spec names the candidate image, the live
 * name, limits and readiness; promotion deploys exactly it), the shadow section, the Prometheus that scrapes the
 * comparator (and the file_sd folder it reads targets from), the comparator's base image (a JRE; mlship's classes are
 * copied in), and where the report goes.
 */
public record ShadowRequest(DeployRequest candidate, ShadowSpec shadow, URI prometheus, Path prometheusTargets,
                            String comparatorImage, Path reportDirectory) {

    /** Where scripts/services' Prometheus reads its scrape targets. */
    public static final Path SERVICES_TARGETS = Path.of("/var/lib/mlship/prometheus/targets");
    /** The JRE base image scripts/debian-image builds from Debian packages. */
    public static final String JRE_IMAGE = "mlship/base:jre";

    public ShadowRequest {
        Objects.requireNonNull(candidate, "candidate");
        shadow = shadow == null ? ShadowSpec.defaults() : shadow;
        prometheus = prometheus == null ? URI.create("http://127.0.0.1:9090") : prometheus;
        prometheusTargets = prometheusTargets == null ? SERVICES_TARGETS : prometheusTargets;
        comparatorImage = comparatorImage == null ? JRE_IMAGE : comparatorImage;
        reportDirectory = reportDirectory == null ? candidate.logDirectory() : reportDirectory;
    }
}
