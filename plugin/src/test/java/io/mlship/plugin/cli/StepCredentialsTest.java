package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which credentials id becomes which CLI variable, and what a step says when an id names no credential it can use.
 * The store is a map here; on Jenkins it is {@code CredentialsProvider.findCredentialById} (RunCredentials).
 */
class StepCredentialsTest {

    static final byte[] KUBECONFIG = "apiVersion: v1\nkind: Config\n".getBytes(StandardCharsets.UTF_8);

    final Map<String, FoundCredential> store = new HashMap<>(Map.of(
            "registry", new FoundCredential.UsernamePassword("UsernamePasswordCredentialsImpl", "ci", "reg-pw-1"),
            "kube-token", new FoundCredential.SecretText("StringCredentialsImpl", "kube-tok-2\n"),
            "kubeconfig", new FoundCredential.SecretFile("FileCredentialsImpl", "config", KUBECONFIG),
            "ssh", new FoundCredential.Other("BasicSSHUserPrivateKey")));
    final CredentialsLookup lookup = store::get;

    private StepCredentials resolve(CredentialUse use, String id) throws InterruptedException {
        return StepCredentials.resolve(Map.of(use, id), "team/iris", lookup);
    }

    @Test
    void aUsernamePasswordBecomesTheRegistryVariablesAndReplacesWhatThePipelineBound() throws Exception {
        StepCredentials credentials = resolve(CredentialUse.REGISTRY, "registry");

        Map<String, String> merged = credentials.over(Map.of(CliEnvironment.REGISTRY_USER, "other", CliEnvironment.REGISTRY_PASSWORD,
                "bound-pw", "JOB_NAME", "team/iris"));

        assertThat(merged).containsEntry(CliEnvironment.REGISTRY_USER, "ci").containsEntry(CliEnvironment.REGISTRY_PASSWORD, "reg-pw-1")
                .containsEntry("JOB_NAME", "team/iris");
        assertThat(credentials.files()).isEmpty();
        assertThat(credentials.described()).containsExactly(
                "registryCredentialsId 'registry' (Username with password) as $MLSHIP_REGISTRY_USER, $MLSHIP_REGISTRY_PASSWORD");
        CliEnvironment cli = new CliEnvironment(merged, false, List.of(), credentials.files());
        assertThat(cli.maskedVariables()).containsExactly(CliEnvironment.REGISTRY_PASSWORD);
        assertThat(cli.secretValues()).containsExactly("reg-pw-1");
        assertThat(cli.variables("/h")).containsEntry(CliEnvironment.REGISTRY_PASSWORD, "reg-pw-1");
    }

    @Test
    void aSecretTextIsTheClusterTokenAndAKubeconfigBoundByThePipelineIsDropped() throws Exception {
        StepCredentials credentials = resolve(CredentialUse.KUBE, " kube-token ");

        CliEnvironment cli = new CliEnvironment(credentials.over(Map.of(CliEnvironment.KUBECONFIG, "/ws@tmp/secretFiles/k")), false,
                List.of(), credentials.files());

        assertThat(cli.variables("/h")).containsEntry(CliEnvironment.KUBE_TOKEN, "kube-tok-2").containsEntry("KUBECONFIG", "");
        assertThat(cli.jvmOptions("/h")).contains("-Dkubernetes.auth.tryKubeConfig=false");
        assertThat(cli.secretValues()).containsExactly("kube-tok-2");
        assertThat(credentials.described()).containsExactly("kubeCredentialsId 'kube-token' (Secret text) as $MLSHIP_KUBE_TOKEN");
    }

    @Test
    void aSecretFileIsTheKubeconfigAndABoundTokenIsDropped() throws Exception {
        StepCredentials credentials = resolve(CredentialUse.KUBE, "kubeconfig");

        Map<String, String> merged = credentials.over(Map.of(CliEnvironment.KUBE_TOKEN, "bound-token"));
        CliEnvironment cli = new CliEnvironment(merged, false, List.of(), credentials.files());

        assertThat(credentials.files()).containsOnlyKeys(CliEnvironment.KUBECONFIG);
        assertThat(credentials.files().get(CliEnvironment.KUBECONFIG)).isEqualTo(KUBECONFIG);
        assertThat(cli.variables("/h")).doesNotContainKey(CliEnvironment.KUBE_TOKEN);
        assertThat(cli.secretValues()).isEmpty();
        CliEnvironment written = cli.withSecretFilesAt(Map.of(CliEnvironment.KUBECONFIG, "/ws@tmp/mlship/secrets-1/MLSHIP_KUBECONFIG"));
        assertThat(written.variables("/h")).containsEntry("KUBECONFIG", "/ws@tmp/mlship/secrets-1/MLSHIP_KUBECONFIG");
        assertThat(written.jvmOptions("/h")).doesNotContain("-Dkubernetes.auth.tryKubeConfig=false");
        assertThat(written.secretFiles()).isEmpty();
    }

    @Test
    void aKubeconfigNamedOnTheStepWinsOverTheAgentsOwnAlsoWithTheOptIn() throws Exception {
        StepCredentials credentials = resolve(CredentialUse.KUBE, "kubeconfig");

        CliEnvironment written = new CliEnvironment(credentials.over(Map.of()), true, List.of(), credentials.files())
                .withSecretFilesAt(Map.of(CliEnvironment.KUBECONFIG, "/ws@tmp/mlship/secrets-1/MLSHIP_KUBECONFIG"));

        assertThat(written.variables("/h")).containsEntry("KUBECONFIG", "/ws@tmp/mlship/secrets-1/MLSHIP_KUBECONFIG")
                .doesNotContainKey("HOME");
    }

    @Test
    void anIdThatNamesNoCredentialSaysWhichParameterAndWhatToChange() {
        assertThatThrownBy(() -> resolve(CredentialUse.KUBE, "x"))
                .isInstanceOf(CliStepException.class)
                .hasMessageStartingWith("credentials 'x' not found (kubeCredentialsId) for job 'team/iris': add it in Manage Jenkins » "
                        + "Credentials")
                .hasMessageContaining("or fix the id")
                .hasMessageContaining("a Secret text credential (the cluster's bearer token; give server: too) or a Secret file");
        assertThatThrownBy(() -> resolve(CredentialUse.REGISTRY, "nope"))
                .hasMessageStartingWith("credentials 'nope' not found (registryCredentialsId)")
                .hasMessageContaining("Username with password");
    }

    @Test
    void aCredentialOfAnotherKindNamesTheKindFoundAndTheOneExpected() {
        assertThatThrownBy(() -> resolve(CredentialUse.KUBE, "registry"))
                .isInstanceOf(CliStepException.class)
                .hasMessage("credentials 'registry' (kubeCredentialsId) is a Username with password credential "
                        + "(UsernamePasswordCredentialsImpl), but kubeCredentialsId takes a Secret text credential (the cluster's bearer "
                        + "token; give server: too) or a Secret file credential (a kubeconfig): give the id of such a credential, or add "
                        + "one in Manage Jenkins » Credentials.");
        assertThatThrownBy(() -> resolve(CredentialUse.REGISTRY, "kube-token"))
                .hasMessageContaining("is a Secret text credential (StringCredentialsImpl), but registryCredentialsId takes a Username "
                        + "with password credential");
        assertThatThrownBy(() -> resolve(CredentialUse.REGISTRY, "ssh"))
                .hasMessageContaining("is a BasicSSHUserPrivateKey credential (BasicSSHUserPrivateKey)");
    }

    @Test
    void anEmptySecretFailsClosedInsteadOfFallingBackToNothing() {
        store.put("blank", new FoundCredential.SecretText("StringCredentialsImpl", "  "));
        store.put("no-password", new FoundCredential.UsernamePassword("UsernamePasswordCredentialsImpl", "ci", ""));
        store.put("empty-file", new FoundCredential.SecretFile("FileCredentialsImpl", "config", new byte[0]));

        assertThatThrownBy(() -> resolve(CredentialUse.KUBE, "blank"))
                .hasMessage("credentials 'blank' (kubeCredentialsId) has an empty secret: set it in Manage Jenkins » Credentials.");
        assertThatThrownBy(() -> resolve(CredentialUse.REGISTRY, "no-password")).hasMessageContaining("has an empty password");
        assertThatThrownBy(() -> resolve(CredentialUse.KUBE, "empty-file")).hasMessageContaining("has an empty file");
    }

    @Test
    void aCredentialThatCannotBeReadIsNamed() {
        CredentialsLookup broken = id -> {
            throw new IOException("secret file content is corrupt");
        };
        assertThatThrownBy(() -> StepCredentials.resolve(Map.of(CredentialUse.KUBE, "k"), "team/iris", broken))
                .isInstanceOf(CliStepException.class)
                .hasMessageStartingWith("cannot read credentials 'k' (kubeCredentialsId): secret file content is corrupt");
    }

    @Test
    void noIdLeavesThePipelineAsItIsAndNothingShowsASecret() throws Exception {
        Map<String, String> pipeline = Map.of(CliEnvironment.KUBE_TOKEN, "bound");
        assertThat(StepCredentials.none().over(pipeline)).isEqualTo(pipeline);
        assertThat(StepCredentials.resolve(Map.of(), "j", lookup).over(pipeline)).isEqualTo(pipeline);

        StepCredentials both = StepCredentials.resolve(Map.of(CredentialUse.REGISTRY, "registry", CredentialUse.KUBE, "kube-token"),
                "j", lookup);
        assertThat(both.toString() + both.described() + store.values()).doesNotContain("reg-pw-1", "kube-tok-2", "apiVersion");
    }
}
