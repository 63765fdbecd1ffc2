package io.mlship.plugin;

import java.io.Serializable;
import java.util.List;

/**
 * What {@code mlDeploy} and {@code mlRollback} share: which object, and how to reach its target. {@link CliCalls}
 * turns them into the options of {@code mlship deploy}/{@code rollback}; the cluster token is never a field (it comes
 * from $MLSHIP_KUBE_TOKEN, bound by {@code withCredentials}), so it never lands in the build's XML.
 */
final class DeployTargetFields implements Serializable {

    private static final long serialVersionUID = 1L;

    String target;
    String namespace;
    String name;
    String server;
    String kubeContext;
    String dockerHost;
    Integer lockTimeoutSeconds;
    List<String> noise = List.of();
    List<String> maskVariables = List.of();
}
