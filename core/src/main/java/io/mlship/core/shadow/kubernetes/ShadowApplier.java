package io.mlship.core.shadow.kubernetes;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates one shadow's objects all or nothing, and removes them. Shadow objects are new by construction (their names
 * carry the shadow id), so each is created, never applied over something: an existing one (409) is an error, not
 * something to overwrite. When a create fails, the objects already created are deleted, newest first, before the
 * error reaches the caller; {@link #removeAll} deletes everything created (the mirror first, as it is created last)
 * and then sweeps by the shadow's id label, for an object whose create reached the server but whose answer did not.
 */
final class ShadowApplier {

    private final KubernetesClient client;
    private final ShadowNames names;
    private final LogSink console;
    private final List<HasMetadata> created = new ArrayList<>();

    ShadowApplier(KubernetesClient client, ShadowNames names, LogSink console) {
        this.client = client;
        this.names = names;
        this.console = console;
    }

    List<HasMetadata> created() {
        return List.copyOf(created);
    }

    void create(List<? extends HasMetadata> objects) {
        List<HasMetadata> now = new ArrayList<>();
        for (HasMetadata object : objects) {
            try {
                HasMetadata made = object instanceof GenericKubernetesResource generic
                        ? client.genericKubernetesResources(context(generic)).inNamespace(names.namespace()).resource(generic).create()
                        : client.resource(object).inNamespace(names.namespace()).create();
                now.add(made);
                created.add(made);
                console.line("  created " + describe(object));
            } catch (KubernetesClientException e) {
                MlshipException failure = new MlshipException("shadow " + names.id() + ": creating " + describe(object) + " in "
                        + names.namespace() + " failed (HTTP " + e.getCode() + ": " + e.getMessage() + ")"
                        + (e.getCode() == 404 && object instanceof GenericKubernetesResource
                                ? "; is Istio (or OpenShift Service Mesh) installed? Its networking.istio.io CRDs are needed" : "")
                        + "; the " + now.size() + " object(s) created before it are removed", e);
                remove(now, failure);
                throw failure;
            }
        }
    }

    /** Deletes everything this applier created, newest first, then whatever still carries the shadow's id. */
    void removeAll() {
        MlshipException failure = new MlshipException("shadow " + names.id() + ": removing its objects failed; "
                + "delete what carries the label " + ShadowNames.ID_LABEL + "=" + names.id() + " in " + names.namespace() + " by hand");
        remove(List.copyOf(created), failure);
        try {
            sweep();
        } catch (KubernetesClientException e) {
            failure.addSuppressed(e);
        }
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private void remove(List<HasMetadata> objects, MlshipException failure) {
        for (int i = objects.size() - 1; i >= 0; i--) {
            HasMetadata object = objects.get(i);
            try {
                delete(object);
                created.remove(object);
                console.line("  removed " + describe(object));
            } catch (KubernetesClientException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private void delete(HasMetadata object) {
        if (object instanceof GenericKubernetesResource generic) {
            client.genericKubernetesResources(context(generic)).inNamespace(names.namespace()).withName(generic.getMetadata().getName())
                    .delete();
        } else {
            // background: the Deployment's ReplicaSets and pods go with it (the cluster's garbage collector)
            client.resource(object).inNamespace(names.namespace()).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    private void sweep() {
        String ns = names.namespace();
        for (var context : List.of(ShadowRenderer.VIRTUAL_SERVICE, ShadowRenderer.DESTINATION_RULE)) {
            try {
                client.genericKubernetesResources(context).inNamespace(ns).withLabels(names.idSelector()).delete();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) { // no Istio CRDs: nothing of that kind can exist
                    throw e;
                }
            }
        }
        client.apps().deployments().inNamespace(ns).withLabels(names.idSelector())
                .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        client.services().inNamespace(ns).withLabels(names.idSelector()).delete();
    }

    private static ResourceDefinitionContext context(GenericKubernetesResource object) {
        return object.getKind().equals("VirtualService") ? ShadowRenderer.VIRTUAL_SERVICE : ShadowRenderer.DESTINATION_RULE;
    }

    static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }
}
