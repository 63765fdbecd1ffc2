package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.spec.DeploySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the user's own manifests ({@code deploy.manifests}) instead of rendering objects: the one
 * Deployment named {@code deploy.name} gets the deploy's image on its model container (the one named
 * {@value KubernetesRenderer#CONTAINER}, or its only container), and every object the deploy's namespace.
 */
public final class ManifestLoader {

    private ManifestLoader() {
    }

    public static List<HasMetadata> load(KubernetesClient client, DeploySpec spec) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Path manifest : spec.manifests()) {
            try (InputStream in = Files.newInputStream(manifest)) {
                objects.addAll(client.load(in).items());
            } catch (IOException e) {
                throw new MlshipException("deploy.manifests: cannot read " + manifest + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new MlshipException("deploy.manifests: " + manifest + " is not a Kubernetes manifest: " + e.getMessage(), e);
            }
        }
        List<Deployment> workloads = objects.stream().filter(o -> o instanceof Deployment).map(o -> (Deployment) o)
                .filter(d -> spec.name().equals(d.getMetadata().getName())).toList();
        if (workloads.size() != 1) {
            throw new MlshipException("deploy.manifests must hold exactly one Deployment named `" + spec.name()
                    + "` (deploy.name); found " + workloads.size());
        }
        Deployment deployment = workloads.get(0);
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        Container model = containers.stream().filter(c -> KubernetesRenderer.CONTAINER.equals(c.getName())).findFirst()
                .orElseGet(() -> containers.size() == 1 ? containers.get(0) : null);
        if (model == null) {
            throw new MlshipException("deploy.manifests: Deployment `" + spec.name() + "` has " + containers.size()
                    + " containers and none named `" + KubernetesRenderer.CONTAINER + "`: name the model container so mlship knows which image to set");
        }
        model.setImage(spec.image().value());
        objects.forEach(o -> o.getMetadata().setNamespace(spec.namespace()));
        // The watch and the rollback find the deploy's pods by the selector label.
        if (deployment.getSpec().getTemplate().getMetadata() == null) {
            deployment.getSpec().getTemplate().setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        if (deployment.getSpec().getTemplate().getMetadata().getLabels() == null) {
            deployment.getSpec().getTemplate().getMetadata().setLabels(new java.util.LinkedHashMap<>());
        }
        deployment.getSpec().getTemplate().getMetadata().getLabels().putIfAbsent(ModelLabels.SELECTOR, spec.name());
        return objects;
    }
}
