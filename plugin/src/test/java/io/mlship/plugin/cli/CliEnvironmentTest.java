package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What reaches the CLI process: the pipeline's variables only, the agent's daemon, cluster and home cut off by default. */
class CliEnvironmentTest {

    @Test
    void removesTheAgentsDaemonClusterAndHomeAndPassesTheBoundCredentials() {
        CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.REGISTRY_USER, "ci", CliEnvironment.REGISTRY_PASSWORD, "pw",
                CliEnvironment.KUBE_TOKEN, "tok", "UNRELATED", "x"), false, List.of());

        Map<String, String> variables = env.variables("/ws@tmp/mlship/home");

        assertThat(variables).containsEntry("DOCKER_HOST", "").containsEntry("KUBECONFIG", "")
                .containsEntry("KUBERNETES_SERVICE_HOST", "").containsEntry("DOCKER_CONFIG", "")
                .containsEntry("HOME", "/ws@tmp/mlship/home")
                .containsEntry(CliEnvironment.REGISTRY_USER, "ci").containsEntry(CliEnvironment.REGISTRY_PASSWORD, "pw")
                .containsEntry(CliEnvironment.KUBE_TOKEN, "tok")
                .doesNotContainKey("UNRELATED");
        assertThat(env.maskedVariables()).containsExactly(CliEnvironment.REGISTRY_PASSWORD, CliEnvironment.KUBE_TOKEN);
        assertThat(env.jvmOptions("/h")).containsExactly("-Duser.home=/h", "-Dkubernetes.auth.tryServiceAccount=false",
                "-Dkubernetes.auth.tryKubeConfig=false");
    }

    @Test
    void aKubeconfigBoundByThePipelineIsTheOnlyOneTheClientReads() {
        CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.KUBECONFIG, "/ws@tmp/secretFiles/kube"), false, List.of());

        assertThat(env.variables("/h")).containsEntry("KUBECONFIG", "/ws@tmp/secretFiles/kube");
        assertThat(env.jvmOptions("/h")).containsExactly("-Duser.home=/h", "-Dkubernetes.auth.tryServiceAccount=false");
    }

    @Test
    void theOptInKeepsTheAgentsOwnEnvironment() {
        CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.KUBE_TOKEN, "tok"), true, List.of());

        assertThat(env.variables("/h")).containsExactly(Map.entry(CliEnvironment.KUBE_TOKEN, "tok"));
        assertThat(env.jvmOptions("/h")).isEmpty();
        assertThat(env.dockerHost(null, "mlVerifyImage")).isEmpty();
    }

    @Test
    void maskVariablesArePassedAndMaskedAndMustBeBound() {
        CliEnvironment env = new CliEnvironment(Map.of("HF_TOKEN", "hf_abc"), false, List.of("HF_TOKEN"));
        assertThat(env.variables("/h")).containsEntry("HF_TOKEN", "hf_abc");
        assertThat(env.maskedVariables()).containsExactly("HF_TOKEN");

        CliEnvironment unbound = new CliEnvironment(Map.of(), false, List.of("HF_TOKEN"));
        assertThatThrownBy(unbound::maskedVariables).isInstanceOf(CliStepException.class)
                .hasMessageContaining("maskVariables names $HF_TOKEN, which is not set here; bind it with withCredentials");
    }

    @Test
    void theStepsDockerHostWinsOverTheBoundOne() {
        CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.DOCKER_HOST, "tcp://bound:2375"), false, List.of());
        assertThat(env.dockerHost("tcp://step:2375", "s")).contains("tcp://step:2375");
        assertThat(env.dockerHost(" ", "s")).contains("tcp://bound:2375");
    }
}
