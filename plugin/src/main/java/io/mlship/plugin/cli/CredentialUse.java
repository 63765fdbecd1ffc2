package io.mlship.plugin.cli;

import java.util.List;

/**
 * What a step parameter naming a Jenkins credential is for: the parameter, which kinds of credential it takes, and
 * the CLI variables it sets. A credential named by a step replaces those variables of the pipeline (bound by
 * {@code withCredentials}), so it is the only registry or cluster credential the CLI sees.
 */
public enum CredentialUse {

    /** {@code registryCredentialsId}: a Username with password, as $MLSHIP_REGISTRY_USER / $MLSHIP_REGISTRY_PASSWORD. */
    REGISTRY("registryCredentialsId", "a Username with password credential (the registry's user and password or token)",
            List.of(CliEnvironment.REGISTRY_USER, CliEnvironment.REGISTRY_PASSWORD)),

    /** {@code kubeCredentialsId}: a Secret text (bearer token, $MLSHIP_KUBE_TOKEN) or Secret file (kubeconfig, $MLSHIP_KUBECONFIG). */
    KUBE("kubeCredentialsId", "a Secret text credential (the cluster's bearer token; give server: too) or a Secret file "
            + "credential (a kubeconfig)", List.of(CliEnvironment.KUBE_TOKEN, CliEnvironment.KUBECONFIG));

    private final String parameter;
    private final String accepts;
    private final List<String> variables;

    CredentialUse(String parameter, String accepts, List<String> variables) {
        this.parameter = parameter;
        this.accepts = accepts;
        this.variables = variables;
    }

    /** The step parameter, e.g. {@code kubeCredentialsId}. */
    public String parameter() {
        return parameter;
    }

    /** The kinds of credential it takes, for messages. */
    String accepts() {
        return accepts;
    }

    /** The pipeline variables a credential of this use replaces. */
    List<String> variables() {
        return variables;
    }
}
