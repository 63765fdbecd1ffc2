package io.mlship.core.deploy.kubernetes;

import java.util.Map;

/**
 * The labels mlship puts on what it deploys. The selector label is the deploy's own name, so the
 * pods, ReplicaSets and events of one model never mix with another's in the same namespace.
 */
public final class ModelLabels {

    public static final String SELECTOR = "io.mlship/deploy";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    /** What the deployment controller adds to a ReplicaSet's pod template to tell revisions apart. */
    public static final String POD_TEMPLATE_HASH = "pod-template-hash";
    /** The revision number the deployment controller keeps on ReplicaSets (what `kubectl rollout undo` reads). */
    public static final String REVISION = "deployment.kubernetes.io/revision";

    private ModelLabels() {
    }

    public static Map<String, String> selector(String name) {
        return Map.of(SELECTOR, name);
    }

    public static Map<String, String> all(String name) {
        return Map.of(SELECTOR, name, NAME, name, MANAGED_BY, "mlship");
    }
}
