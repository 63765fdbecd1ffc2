package io.mlship.core.deploy.service;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.docker.DockerDeployer;
import io.mlship.core.deploy.kubernetes.KubernetesDeployer;
import io.mlship.core.deploy.kubernetes.KubernetesRenderer;
import io.mlship.core.deploy.kubernetes.ManifestLoader;
import io.mlship.core.deploy.kubernetes.WorkloadKinds;
import io.mlship.core.deploy.openshift.DeploymentConfigKind;
import io.mlship.core.deploy.openshift.OpenShiftRenderer;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.log.LogSink;
import io.mlship.core.report.JsonReport;
import io.mlship.core.report.ReportFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * Deploys and rollbacks as every front end runs them: pick the target, run it, write the JSON report
 * ({@code deploy-report.json} in the log folder). A failed rollout is a result, not an exception;
 * exceptions are bad input and unreachable or refusing targets, raised before anything is applied.
 */
public final class DeployService {

    public static final String REPORT = ReportFiles.DEPLOY.json();

    /** What a cluster deploy can roll out; the DeploymentConfig for either cluster target, as a user's manifests may hold one. */
    private static final WorkloadKinds WORKLOADS = WorkloadKinds.kubernetes().with(new DeploymentConfigKind());

    private DeployService() {
    }

    public static DeployResult deploy(DeployRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        DeployResult result = switch (spec.target()) {
            case DOCKER -> new DockerDeployer(request.docker()).deploy(request, console);
            case KUBERNETES, OPENSHIFT -> {
                try (KubernetesClient client = request.cluster().open()) {
                    List<HasMetadata> objects = objects(client, spec);
                    yield new KubernetesDeployer(client, request.cluster().describe(), WORKLOADS).deploy(request, objects, spec.target().id(), console);
                }
            }
        };
        JsonReport.write(DeployReport.of(result), reportFile(request));
        return result;
    }

    public static DeployResult rollback(DeployRequest request, LogSink console) throws InterruptedException {
        DeployResult result = switch (request.spec().target()) {
            case DOCKER -> new DockerDeployer(request.docker()).rollback(request, console);
            case KUBERNETES, OPENSHIFT -> {
                try (KubernetesClient client = request.cluster().open()) {
                    yield new KubernetesDeployer(client, request.cluster().describe(), WORKLOADS).rollback(request, request.spec().target().id(), console);
                }
            }
        };
        JsonReport.write(DeployReport.of(result), reportFile(request));
        return result;
    }

    public static Path reportFile(DeployRequest request) {
        return request.logDirectory().resolve(REPORT);
    }

    /** The objects of a cluster deploy: the user's manifests, else rendered for the target. */
    static List<HasMetadata> objects(KubernetesClient client, DeploySpec spec) {
        if (!spec.manifests().isEmpty()) {
            return ManifestLoader.load(client, spec);
        }
        return switch (spec.target()) {
            case OPENSHIFT -> OpenShiftRenderer.render(spec);
            default -> KubernetesRenderer.render(spec);
        };
    }
}
