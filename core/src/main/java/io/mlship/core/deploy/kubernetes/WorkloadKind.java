package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.deploy.spec.DeploySpec;

/**
 * One kind of object a deploy rolls out (a Deployment here; a DeploymentConfig from the openshift
 * package), registered with {@link WorkloadKinds} so this package never names the kinds of other platforms.
 */
public interface WorkloadKind {

    /** The object's {@code kind}, as in its manifest. */
    String kind();

    /** Whether a spec asks for this kind when there are no objects to look at (rollback, access check). */
    boolean requestedBy(DeploySpec spec);

    /** How the rollout watch follows this kind. */
    RolloutKind rollout();

    /** How one named workload of this kind goes back a revision. */
    WorkloadRollback rollback(KubernetesClient client, String namespace, String name);

    /** Lists the workload's revisions by the deploy's selector: a read the watch needs, checked before any write. */
    void readRevisions(KubernetesClient client, String namespace, String name);
}
