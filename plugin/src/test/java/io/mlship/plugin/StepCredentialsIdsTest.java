package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.model.TaskListener;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.CredentialsLookup;
import io.mlship.plugin.cli.FoundCredential;
import io.mlship.plugin.cli.StepCredentials;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steps' credentials parameters from the step to the command line: which parameter each step has, the step's
 * name heading a failure, the log line naming the variables, and no secret value on the command line or in the log.
 */
class StepCredentialsIdsTest {

    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final PrintStream logger = new PrintStream(console, true, StandardCharsets.UTF_8);
    final TaskListener listener = () -> logger;
    final Map<String, FoundCredential> store = Map.of(
            "registry", new FoundCredential.UsernamePassword("UsernamePasswordCredentialsImpl", "ci", "reg-pw-1"),
            "kube-token", new FoundCredential.SecretText("StringCredentialsImpl", "kube-tok-2"));
    final CredentialsLookup lookup = store::get;

    private AgentCliRun agent(String function) {
        EnvVars env = new EnvVars();
        // The mirror's EnvVars.put only throws (Jenkins provides it); TreeMap fills an empty map from a sorted one
        // without calling put.
        env.putAll(new java.util.TreeMap<>(Map.of("JOB_NAME", "team/iris", "BUILD_NUMBER", "42",
                CliEnvironment.DOCKER_HOST, "tcp://docker:2376")));
        return new AgentCliRun(function, new StepEnvironment(null, null, null, env, listener, null));
    }

    private String log() {
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachStepThatReachesARegistryOrClusterTakesItsCredentialsId() {
        BuildImageStep build = new BuildImageStep("team/model:1");
        build.setRegistryCredentialsId("registry");
        DeployStep deploy = new DeployStep("models/iris");
        deploy.setKubeCredentialsId("kube-token");
        RollbackStep rollback = new RollbackStep("models/iris");
        rollback.setKubeCredentialsId("kube-token");
        DiagnoseStep diagnose = new DiagnoseStep("iris");
        diagnose.setKubeCredentialsId("kube-token");
        DeployStep blank = new DeployStep("models/iris");
        blank.setKubeCredentialsId(" ");

        assertThat(build.credentialsIds()).isEqualTo(Map.of(CredentialUse.REGISTRY, "registry"));
        for (MlshipStep step : List.of(deploy, rollback, diagnose)) {
            assertThat(step.credentialsIds()).as(step.functionName()).isEqualTo(Map.of(CredentialUse.KUBE, "kube-token"));
        }
        assertThat(blank.credentialsIds()).isEmpty();
        assertThat(new VerifyImageStep("team/model:1", "2Gi").credentialsIds()).isEmpty();
        assertThat(new ScanImageStep("team/model:1").credentialsIds()).isEmpty();
    }

    @Test
    void aPushWithARegistryCredentialPassesTheUserAndOnlyTheNameOfThePasswordVariable() throws Exception {
        BuildImageStep build = new BuildImageStep("team/model:1");
        build.setPush("127.0.0.1:5001/team/model:1");
        build.setRegistryCredentialsId("registry");
        AgentCliRun agent = agent("mlBuildImage");

        StepCredentials credentials = agent.credentials(build.credentialsIds(), lookup);
        CliCall call = agent.call(cli -> build.cliCall(cli, Map.of(), ".mlship/jenkins/build-42-x"), false, build.maskedVariables(),
                credentials);

        assertThat(call.arguments()).containsSequence("--registry-user", "ci").containsSequence("--mask-env", CliEnvironment.REGISTRY_PASSWORD)
                .noneMatch(a -> a.contains("reg-pw-1"));
        assertThat(log()).contains("[mlship] credentials: registryCredentialsId 'registry' (Username with password) as "
                + "$MLSHIP_REGISTRY_USER, $MLSHIP_REGISTRY_PASSWORD (masked)").doesNotContain("reg-pw-1");
    }

    @Test
    void aDeployWithAClusterTokenMasksItInWhatTheCliStores() throws Exception {
        DeployStep deploy = new DeployStep("models/iris");
        deploy.setKubeCredentialsId("kube-token");
        deploy.setTarget("kubernetes");
        AgentCliRun agent = agent("mlDeploy");

        CliCall call = agent.call(cli -> deploy.cliCall(cli, Map.of(), ".mlship/jenkins/deploy-42-x"), false, deploy.maskedVariables(),
                agent.credentials(deploy.credentialsIds(), lookup));

        assertThat(call.arguments()).containsSequence("--mask-env", CliEnvironment.KUBE_TOKEN).noneMatch(a -> a.contains("kube-tok-2"));
    }

    @Test
    void aMissingIdFailsTheStepWithTheStepsNameTheParameterAndWhatToChange() {
        DeployStep deploy = new DeployStep("models/iris");
        deploy.setKubeCredentialsId("x");

        assertThatThrownBy(() -> agent("mlDeploy").credentials(deploy.credentialsIds(), lookup))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlDeploy: credentials 'x' not found (kubeCredentialsId) for job 'team/iris': add it in Manage "
                        + "Jenkins » Credentials")
                .hasMessageContaining("or fix the id");
    }

    @Test
    void aCredentialOfTheWrongTypeFailsTheStepNamingBothTypes() {
        BuildImageStep build = new BuildImageStep("team/model:1");
        build.setRegistryCredentialsId("kube-token");

        assertThatThrownBy(() -> agent("mlBuildImage").credentials(build.credentialsIds(), lookup))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("mlBuildImage: credentials 'kube-token' (registryCredentialsId) is a Secret text credential "
                        + "(StringCredentialsImpl), but registryCredentialsId takes a Username with password credential");
    }
}
