package io.mlship.core.shadow.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mlship.core.deploy.kubernetes.KubernetesRenderer;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.shadow.compare.ComparatorMain;
import io.mlship.core.shadow.compare.ShadowComparator;
import io.mlship.core.shadow.spec.MirrorSpec;
import io.mlship.core.shadow.spec.OutputRule;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders one shadow on a cluster with Istio (or OpenShift Service Mesh, which serves the same resources): the
 * baseline (the live image) and the candidate as one-replica Deployments with Services under the candidate's limits,
 * env and probes; the comparator's Deployment and Service; a DestinationRule bounding the connections to the
 * comparator; and the VirtualService on the live Service's host that routes every request to the live model as
 * before and mirrors {@code percent}% of the matching ones to the comparator (Envoy's mirror is fire-and-forget: the
 * live answer never waits for it).
 */
final class ShadowRenderer {

    static final int COMPARATOR_PORT = 9000;
    /** Where the comparator image holds mlship's jar (the CLI's shaded jar, which contains the comparator). */
    static final String COMPARATOR_JAR = "/opt/mlship/mlship.jar";
    static final ResourceDefinitionContext VIRTUAL_SERVICE = istio("VirtualService", "virtualservices");
    static final ResourceDefinitionContext DESTINATION_RULE = istio("DestinationRule", "destinationrules");

    private ShadowRenderer() {
    }

    private static ResourceDefinitionContext istio(String kind, String plural) {
        return new ResourceDefinitionContext.Builder().withGroup("networking.istio.io").withVersion("v1beta1")
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
    }

    /** The objects in the order they are created: models and comparator first, the mirror ({@link Objects#mirror}) last. */
    record Objects(List<HasMetadata> workloads, GenericKubernetesResource mirror) {
    }

    static Objects render(ShadowNames names, DeploySpec candidate, String liveImage, ShadowSpec shadow, String comparatorImage) {
        DeploySpec baseline = candidate.toBuilder().name(names.baseline()).image(new DeployImage(liveImage)).replicas(1).build();
        DeploySpec model = candidate.toBuilder().name(names.candidate()).replicas(1).build();
        List<HasMetadata> workloads = new ArrayList<>();
        workloads.add(labelled(KubernetesRenderer.deployment(baseline), names.labels("baseline")));
        workloads.add(labelled(KubernetesRenderer.service(baseline), names.labels("baseline")));
        workloads.add(labelled(KubernetesRenderer.deployment(model), names.labels("candidate")));
        workloads.add(labelled(KubernetesRenderer.service(model), names.labels("candidate")));
        workloads.add(comparator(names, candidate, shadow, comparatorImage));
        workloads.add(comparatorService(names));
        workloads.add(destinationRule(names));
        return new Objects(workloads, virtualService(names, candidate, shadow.mirror()));
    }

    /** The shadow's labels on the object and on its pods (never the live selector: the live Service must not reach them). */
    private static <T extends HasMetadata> T labelled(T object, Map<String, String> labels) {
        Map<String, String> all = new LinkedHashMap<>(object.getMetadata().getLabels());
        all.putAll(labels);
        object.getMetadata().setLabels(all);
        if (object instanceof Deployment d) {
            Map<String, String> pod = new LinkedHashMap<>(d.getSpec().getTemplate().getMetadata().getLabels());
            pod.putAll(labels);
            d.getSpec().getTemplate().getMetadata().setLabels(pod);
        }
        return object;
    }

    static List<String> comparatorCommand(ShadowNames names, DeploySpec spec, ShadowSpec shadow) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-Xmx128m", "-cp", COMPARATOR_JAR,
                ComparatorMain.class.getName(), "--listen", "0.0.0.0:" + COMPARATOR_PORT, "--shadow-id", names.id(),
                "--baseline", "http://" + names.host(names.baseline()) + ":" + spec.port(),
                "--candidate", "http://" + names.host(names.candidate()) + ":" + spec.port()));
        for (OutputRule rule : shadow.criteria().outputs()) {
            command.add("--output");
            command.add(ComparatorMain.argument(rule));
        }
        return command;
    }

    private static Deployment comparator(ShadowNames names, DeploySpec spec, ShadowSpec shadow, String image) {
        Map<String, String> labels = names.labels("comparator");
        Map<String, String> selector = Map.of(ShadowNames.ID_LABEL, names.id(), ShadowNames.ROLE_LABEL, "comparator");
        return new DeploymentBuilder()
                .withNewMetadata().withName(names.comparator()).withNamespace(names.namespace()).withLabels(labels).endMetadata()
                .withNewSpec()
                    .withReplicas(1)
                    .withNewSelector().withMatchLabels(selector).endSelector()
                    .withNewTemplate()
                        // the conventional scrape annotations, which most cluster Prometheus set-ups follow
                        .withNewMetadata().withLabels(labels).withAnnotations(Map.of("prometheus.io/scrape", "true",
                                "prometheus.io/port", Integer.toString(COMPARATOR_PORT),
                                "prometheus.io/path", ShadowComparator.METRICS_PATH)).endMetadata()
                        .withNewSpec()
                            .addNewContainer().withName("comparator").withImage(image)
                                .withCommand(comparatorCommand(names, spec, shadow))
                                .addNewPort().withName("http").withContainerPort(COMPARATOR_PORT).withProtocol("TCP").endPort()
                                .withNewResources()
                                    .withRequests(Map.of("memory", new Quantity("192Mi"), "cpu", new Quantity("100m")))
                                    .withLimits(Map.of("memory", new Quantity("256Mi")))
                                .endResources()
                                .withNewReadinessProbe().withNewHttpGet().withPath(ShadowComparator.METRICS_PATH)
                                    .withPort(new IntOrString(COMPARATOR_PORT)).endHttpGet().withPeriodSeconds(2).endReadinessProbe()
                            .endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    private static Service comparatorService(ShadowNames names) {
        return new ServiceBuilder()
                .withNewMetadata().withName(names.comparator()).withNamespace(names.namespace())
                    .withLabels(names.labels("comparator")).endMetadata()
                .withNewSpec()
                    .withSelector(Map.of(ShadowNames.ID_LABEL, names.id(), ShadowNames.ROLE_LABEL, "comparator"))
                    .addNewPort().withName("http").withPort(COMPARATOR_PORT).withTargetPort(new IntOrString("http")).endPort()
                .endSpec()
                .build();
    }

    private static ObjectMeta meta(ShadowNames names, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(names.namespace()).withLabels(names.labels("mirror")).build();
    }

    /**
     * Bounds what the mirror may pile up at the comparator: few connections, a 200 ms connect time-out (as the Docker
     * edge's mirror), a pending queue the size of the comparator's own.
     */
    private static GenericKubernetesResource destinationRule(ShadowNames names) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("host", names.host(names.comparator()));
        spec.put("trafficPolicy", Map.of("connectionPool", Map.of(
                "tcp", Map.of("maxConnections", 64, "connectTimeout", "200ms"),
                "http", Map.of("http1MaxPendingRequests", 1000))));
        return new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1beta1").withKind("DestinationRule")
                .withMetadata(meta(names, names.comparator())).withAdditionalProperties(Map.of("spec", spec)).build();
    }

    /**
     * The live Service's host: matching requests (any of the methods on any of the path prefixes) go to the live model
     * and a copy of {@code percent}% of them to the comparator; every other request goes to the live model as before
     * (a VirtualService answers 404 to what no route matches, so the second route is needed).
     */
    private static GenericKubernetesResource virtualService(ShadowNames names, DeploySpec spec, MirrorSpec mirror) {
        String live = names.host(spec.name());
        List<Map<String, Object>> match = new ArrayList<>();
        for (String method : mirror.methods()) {
            for (String path : mirror.pathsFor(spec.name())) {
                match.add(Map.of("method", Map.of("exact", method), "uri", Map.of("prefix", path)));
            }
        }
        Map<String, Object> toLive = Map.of("destination", Map.of("host", live, "port", Map.of("number", spec.port())));
        Map<String, Object> mirrored = new LinkedHashMap<>();
        mirrored.put("name", "mlship-shadow-mirror");
        mirrored.put("match", match);
        mirrored.put("route", List.of(toLive));
        mirrored.put("mirror", Map.of("host", names.host(names.comparator()), "port", Map.of("number", COMPARATOR_PORT)));
        mirrored.put("mirrorPercentage", Map.of("value", mirror.percent()));
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("name", "live");
        rest.put("route", List.of(toLive));
        Map<String, Object> vs = new LinkedHashMap<>();
        vs.put("hosts", List.of(live));
        vs.put("http", List.of(mirrored, rest));
        return new GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1beta1").withKind("VirtualService")
                .withMetadata(meta(names, names.id())).withAdditionalProperties(Map.of("spec", vs)).build();
    }
}
