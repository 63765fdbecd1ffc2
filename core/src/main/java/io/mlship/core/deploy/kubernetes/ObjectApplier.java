package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.mlship.core.log.LogSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a deploy's objects all or nothing. Every object is read first (its "before"); then each is
 * created (when absent) or server-side applied with field manager {@value #FIELD_MANAGER}. When one
 * write fails, the ones already made are undone (created objects deleted, changed ones put back) before
 * the error reaches the caller.
 */
final class ObjectApplier {

    public static final String FIELD_MANAGER = "mlship";
    private static final int UNSUPPORTED_MEDIA_TYPE = 415;

    private final KubernetesClient client;

    public ObjectApplier(KubernetesClient client) {
        this.client = client;
    }

    /** Reads the current state of every object: no write happens before all reads succeeded. */
    public List<HasMetadata> snapshot(List<HasMetadata> objects, String namespace) {
        List<HasMetadata> before = new ArrayList<>();
        for (HasMetadata object : objects) {
            before.add(client.resource(object).inNamespace(namespace).get());
        }
        return before;
    }

    public List<AppliedObject> apply(List<HasMetadata> objects, List<HasMetadata> before, String namespace, LogSink console) {
        List<AppliedObject> applied = new ArrayList<>();
        try {
            for (int i = 0; i < objects.size(); i++) {
                HasMetadata desired = objects.get(i);
                HasMetadata current = before.get(i);
                HasMetadata after = current == null
                        // Create-only: a concurrent creator makes this fail (409) instead of being overwritten.
                        ? client.resource(desired).inNamespace(namespace).create()
                        : applyChange(desired, current, namespace);
                applied.add(new AppliedObject(current, after));
                console.line("  " + (current == null ? "created " : "applied ") + applied.get(applied.size() - 1).describe());
            }
            return applied;
        } catch (RuntimeException e) {
            // Stopped mid-apply (SIGTERM): the client reports the interrupt as an I/O failure, and with the flag
            // still set every undo call would fail at once; it is held back for the undo and set again after it.
            boolean interrupted = Thread.interrupted();
            try {
                undo(applied, namespace, console);
            } catch (RuntimeException undoFailure) {
                e.addSuppressed(undoFailure);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            throw e;
        }
    }

    private HasMetadata applyChange(HasMetadata desired, HasMetadata current, String namespace) {
        try {
            return client.resource(desired).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        } catch (KubernetesClientException e) {
            if (e.getCode() != UNSUPPORTED_MEDIA_TYPE) {
                throw e;
            }
            // This API server does not take apply patches (HTTP 415: servers before Kubernetes 1.16, some
            // proxies, and fabric8's CRUD mock). Replace the object instead, guarded by the resourceVersion
            // just read, so a concurrent writer makes this fail (409) rather than being overwritten.
            return client.resource(replacementFor(desired, current)).inNamespace(namespace).update();
        }
    }

    private static HasMetadata replacementFor(HasMetadata desired, HasMetadata current) {
        HasMetadata copy = Serialization.clone(desired);
        ObjectMeta meta = copy.getMetadata();
        meta.setResourceVersion(current.getMetadata().getResourceVersion());
        if (copy instanceof Service service && current instanceof Service existing && existing.getSpec() != null) {
            // The cluster IP is assigned by the server and immutable: keep it.
            service.getSpec().setClusterIP(existing.getSpec().getClusterIP());
            service.getSpec().setClusterIPs(existing.getSpec().getClusterIPs());
        }
        return copy;
    }

    /** Puts back what the deploy changed, newest first: created objects are deleted, changed ones restored. */
    public void undo(List<AppliedObject> applied, String namespace, LogSink console) {
        for (int i = applied.size() - 1; i >= 0; i--) {
            AppliedObject object = applied.get(i);
            if (object.created()) {
                client.resource(object.after()).inNamespace(namespace).delete();
                console.line("  removed " + object.describe() + " (this deploy created it)");
            } else {
                restore(object.before(), namespace);
                console.line("  restored " + object.describe() + " as it was before this deploy");
            }
        }
    }

    /**
     * Writes an earlier state back over the object's current one (again after a conflict with a
     * controller's status write, see {@link Conflicts}).
     */
    public void restore(HasMetadata before, String namespace) {
        Conflicts.retry(() -> {
            HasMetadata current = client.resource(before).inNamespace(namespace).get();
            HasMetadata copy = Serialization.clone(before);
            if (current == null) {
                copy.getMetadata().setResourceVersion(null);
                copy.getMetadata().setUid(null);
                return client.resource(copy).inNamespace(namespace).create();
            }
            copy.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            return client.resource(copy).inNamespace(namespace).update();
        });
    }
}
