package io.mlship.core.deploy.openshift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigBuilder;
import io.fabric8.openshift.api.model.Route;
import io.fabric8.openshift.api.model.RouteBuilder;
import io.mlship.core.deploy.kubernetes.KubernetesRenderer;
import io.mlship.core.deploy.kubernetes.ModelLabels;
import io.mlship.core.deploy.spec.DeploySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a deploy spec for OpenShift: a Deployment (as on Kubernetes) or, with
 * {@code openshift.kind: DeploymentConfig}, a DeploymentConfig; the Service; and a Route to the
 * Service's http port, with edge TLS.
 */
public final class OpenShiftRenderer {

    private OpenShiftRenderer() {
    }

    public static List<HasMetadata> render(DeploySpec spec) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(spec.openshift().deploymentConfig() ? deploymentConfig(spec) : KubernetesRenderer.deployment(spec));
        objects.add(KubernetesRenderer.service(spec));
        if (spec.openshift().route()) {
            objects.add(route(spec));
        }
        return objects;
    }

    public static Route route(DeploySpec spec) {
        RouteBuilder route = new RouteBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(ModelLabels.all(spec.name())).endMetadata()
                .withNewSpec()
                    .withNewTo().withKind("Service").withName(spec.name()).withWeight(100).endTo()
                    .withNewPort().withTargetPort(new IntOrString("http")).endPort()
                    .withNewTls().withTermination("edge").withInsecureEdgeTerminationPolicy("Redirect").endTls()
                .endSpec();
        spec.openshift().routeHost().ifPresent(host -> route.editSpec().withHost(host).endSpec());
        return route.build();
    }

    /** The DeploymentConfig form: the same pod template, a ConfigChange trigger, Rolling strategy. */
    public static DeploymentConfig deploymentConfig(DeploySpec spec) {
        return new DeploymentConfigBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace()).withLabels(ModelLabels.all(spec.name())).endMetadata()
                .withNewSpec()
                    .withReplicas(spec.replicas())
                    .withRevisionHistoryLimit(10)
                    .withSelector(ModelLabels.selector(spec.name()))
                    .withTemplate(KubernetesRenderer.podTemplate(spec))
                    .addNewTrigger().withType("ConfigChange").endTrigger()
                    .withNewStrategy().withType("Rolling")
                        .withNewRollingParams().withTimeoutSeconds(spec.policy().progressDeadline().toSeconds()).endRollingParams()
                    .endStrategy()
                .endSpec()
                .build();
    }
}
