package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.mlship.core.deploy.spec.DeploySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workload kinds a Kubernetes deploy knows: Deployment always, others added by the caller that
 * knows them (the deploy service adds OpenShift's DeploymentConfig), so kubernetes does not import openshift.
 */
public final class WorkloadKinds {

    private final List<WorkloadKind> kinds;

    private WorkloadKinds(List<WorkloadKind> kinds) {
        this.kinds = List.copyOf(kinds);
    }

    /** Deployment only. */
    public static WorkloadKinds kubernetes() {
        return new WorkloadKinds(List.of(new DeploymentKind()));
    }

    public WorkloadKinds with(WorkloadKind other) {
        List<WorkloadKind> all = new ArrayList<>(kinds);
        all.add(other);
        return new WorkloadKinds(all);
    }

    boolean isWorkload(HasMetadata object) {
        return named(object.getKind()).isPresent();
    }

    Optional<WorkloadKind> named(String kind) {
        return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst();
    }

    /** The kind a spec asks for: the first added kind that claims it, else Deployment. */
    WorkloadKind requestedBy(DeploySpec spec) {
        return kinds.stream().skip(1).filter(k -> k.requestedBy(spec)).findFirst().orElse(kinds.get(0));
    }
}
