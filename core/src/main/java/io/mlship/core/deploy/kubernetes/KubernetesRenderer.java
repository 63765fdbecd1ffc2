package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.HttpProbe;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Renders a deploy spec to the Kubernetes objects that run it: a Deployment and a Service. */
public final class KubernetesRenderer {

    /** The model container's name in the pod (what failures and log files name). */
    public static final String CONTAINER = "model";

    private KubernetesRenderer() {
    }

    public static List<HasMetadata> render(DeploySpec spec) {
        return List.of(deployment(spec), service(spec));
    }

    public static Deployment deployment(DeploySpec spec) {
        return new DeploymentBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace())
                    .withLabels(ModelLabels.all(spec.name())).endMetadata()
                .withNewSpec()
                    .withReplicas(spec.replicas())
                    .withProgressDeadlineSeconds((int) spec.policy().progressDeadline().toSeconds())
                    .withRevisionHistoryLimit(10)
                    .withNewSelector().withMatchLabels(ModelLabels.selector(spec.name())).endSelector()
                    .withTemplate(podTemplate(spec))
                .endSpec()
                .build();
    }

    public static PodTemplateSpec podTemplate(DeploySpec spec) {
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(ModelLabels.all(spec.name())).endMetadata()
                .withNewSpec().withContainers(container(spec)).endSpec()
                .build();
    }

    static Container container(DeploySpec spec) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        spec.resources().memoryRequest().ifPresent(m -> requests.put("memory", new Quantity(m.toKubernetesQuantity())));
        spec.resources().cpuRequest().ifPresent(c -> requests.put("cpu", new Quantity(c.text())));
        spec.resources().memoryLimit().ifPresent(m -> limits.put("memory", new Quantity(m.toKubernetesQuantity())));
        spec.resources().cpuLimit().ifPresent(c -> limits.put("cpu", new Quantity(c.text())));
        List<EnvVar> env = new ArrayList<>();
        spec.env().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> env.add(new EnvVar(e.getKey(), e.getValue(), null)));
        spec.secretEnv().forEach(s -> env.add(new EnvVarBuilder().withName(s.name())
                .withNewValueFrom().withNewSecretKeyRef().withName(s.secret()).withKey(s.key()).endSecretKeyRef().endValueFrom()
                .build()));
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image().value())
                .addNewPort().withName("http").withContainerPort(spec.port()).withProtocol("TCP").endPort()
                .withEnv(env)
                .withResources(new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build())
                .withReadinessProbe(probe(spec.readiness(), spec.port()));
        spec.liveness().ifPresent(l -> container.withLivenessProbe(probe(l, spec.port())));
        return container.build();
    }

    private static Probe probe(HttpProbe probe, int port) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(probe.path()).withPort(new IntOrString(port)).endHttpGet()
                .withInitialDelaySeconds(probe.initialDelaySeconds())
                .withPeriodSeconds(probe.periodSeconds())
                .withFailureThreshold(probe.failureThreshold())
                .build();
    }

    public static Service service(DeploySpec spec) {
        return new ServiceBuilder()
                .withNewMetadata().withName(spec.name()).withNamespace(spec.namespace())
                    .withLabels(ModelLabels.all(spec.name())).endMetadata()
                .withNewSpec()
                    .withSelector(ModelLabels.selector(spec.name()))
                    .addNewPort().withName("http").withPort(spec.port()).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }
}
