package io.mlship.plugin;

import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import java.util.Map;
import java.util.Optional;

/**
 * From each step's fields to the {@code mlship} command line it runs, option for option as the CLI accepts them.
 * Paths stay relative: the CLI runs in the workspace. Logs and reports go to the step's run folder there.
 */
final class CliCalls {

    static final String BUILD_REPORT = "build-report.json";
    static final String VERIFY_REPORT = "verify-report.json";
    static final String SCAN_REPORT = "scan-report.json";
    static final String DEPLOY_REPORT = "deploy-report.json";
    static final String DIAGNOSIS_REPORT = "diagnosis.json";
    static final String SHADOW_REPORT = "shadow-report.json";

    private CliCalls() {
    }

    static CliCall build(BuildImageStep step, CliEnvironment env, String folder) {
        return CliCall.command("build", folder)
                .option("--context", step.getContext())
                .option("--image", step.getImage())
                .option("--dockerfile", step.getDockerfile())
                .option("--target", step.getTarget())
                .flag("--fail-on-unpinned", step.isFailOnUnpinned())
                .option("--push", step.getPush())
                // The password travels as $MLSHIP_REGISTRY_PASSWORD, never on the command line.
                .option("--registry-user", step.getPush() == null ? null : env.get(CliEnvironment.REGISTRY_USER))
                .option("--log-dir", folder)
                .report("--report", folder + "/" + BUILD_REPORT)
                .repeated("--noise", step.getNoise())
                .repeated("--mask-env", env.maskedVariables())
                .option("--docker-host", env.dockerHost(step.getDockerHost(), "mlBuildImage").orElse(null))
                .build();
    }

    static CliCall verify(VerifyImageStep step, CliEnvironment env, String folder) {
        return CliCall.command("verify", folder)
                .option("--image", step.getImage())
                .option("--memory", step.getMemory())
                .option("--cpus", step.getCpus())
                .option("--samples", step.getSamples())
                .option("--model", step.getModel())
                .option("--port", step.getPort())
                .option("--ready-path", step.getReadyPath())
                .option("--ready-timeout", step.getReadyTimeoutSeconds())
                .option("--headroom", step.getHeadroom())
                .option("--log-dir", folder)
                .report("--report", folder + "/" + VERIFY_REPORT)
                .repeated("--noise", step.getNoise())
                .repeated("--mask-env", env.maskedVariables())
                .option("--docker-host", env.dockerHost(step.getDockerHost(), "mlVerifyImage").orElse(null))
                .build();
    }

    static CliCall scan(ScanImageStep step, CliEnvironment env, String folder) {
        CliCall.Builder call = CliCall.command("scan", folder);
        if (step.getArchive() != null) {
            // An archive in the workspace needs no daemon; a daemon named anyway is passed on.
            call.option("--archive", step.getArchive())
                    .option("--docker-host", Optional.ofNullable(step.getDockerHost()).orElse(env.get(CliEnvironment.DOCKER_HOST)));
        } else {
            call.option("--image", step.getImage())
                    .option("--docker-host", env.dockerHost(step.getDockerHost(), "mlScanImage").orElse(null));
        }
        return call.option("--db", step.getDb())
                .option("--format", "json,sarif,html")
                .report("--output", folder + "/" + SCAN_REPORT)
                .option("--fail-on", step.getFailOn())
                .option("--allowlist", step.getAllowlist())
                .option("--size-budget", step.getSizeBudget())
                .build();
    }

    static CliCall deploy(DeployStep step, CliEnvironment env, Map<String, String> pipeline, String folder) {
        return target(CliCall.command("deploy", folder), step, env, pipeline, folder)
                .implicitReport(folder + "/" + DEPLOY_REPORT)
                .option("--image", step.getImage())
                .flag("--no-rollback", !step.isRollback())
                .option("--progress-deadline", step.getProgressDeadlineSeconds())
                .option("--readiness-window", step.getReadinessWindowSeconds())
                .build();
    }

    static CliCall rollback(RollbackStep step, CliEnvironment env, Map<String, String> pipeline, String folder) {
        return target(CliCall.command("rollback", folder), step, env, pipeline, folder)
                .implicitReport(folder + "/" + DEPLOY_REPORT).build();
    }

    /** {@code mlship shadow run}: the deploy target's options, the candidate image and the Prometheus that judges. */
    static CliCall shadow(ShadowStep step, CliEnvironment env, Map<String, String> pipeline, String folder) {
        return target(CliCall.command("shadow", folder).subcommand("run"), step, env, pipeline, folder)
                .implicitReport(folder + "/" + SHADOW_REPORT)
                .option("--image", step.getImage())
                .option("--prometheus", step.getPrometheus())
                .option("--prometheus-targets", step.getPrometheusTargets())
                .build();
    }

    /** {@code mlship diagnose}: the Docker daemon only for the docker target; a cluster's token from $MLSHIP_KUBE_TOKEN. */
    static CliCall diagnose(DiagnoseStep step, CliEnvironment env, String folder) {
        String target = Optional.ofNullable(step.getTarget()).orElse("docker");
        CliCall.Builder call = CliCall.command("diagnose", folder)
                .option("--target", target)
                .option("--name", step.getName())
                .option("--namespace", step.getNamespace())
                .option("--prometheus", step.getPrometheus())
                .option("--window", step.getWindow())
                .option("--duration", step.getDuration())
                .option("--server", step.getServer())
                .option("--context", step.getKubeContext())
                .report("--report", folder + "/" + DIAGNOSIS_REPORT);
        if ("docker".equals(target)) {
            call.option("--docker-host", env.dockerHost(step.getDockerHost(), DiagnoseStep.FUNCTION).orElse(null));
        }
        return call.build();
    }

    /** What deploy and rollback share; the cluster token is read by the CLI from $MLSHIP_KUBE_TOKEN. */
    private static CliCall.Builder target(CliCall.Builder call, DeployTargetStep step, CliEnvironment env, Map<String, String> pipeline,
                                          String folder) {
        String dockerHost = Optional.ofNullable(step.getDockerHost()).orElse(env.get(CliEnvironment.DOCKER_HOST));
        return call.option("--project", step.getProject())
                .option("--target", step.getTarget())
                .option("--namespace", step.getNamespace())
                .option("--name", step.getName())
                .option("--server", step.getServer())
                .option("--context", step.getKubeContext())
                .option("--docker-host", dockerHost)
                // Without the opt-in, the docker target must be named: no fallback to the agent's DOCKER_HOST or socket.
                .flag("--require-docker-host", !env.usesAgentEnvironment())
                .option("--lock-timeout", step.getLockTimeoutSeconds())
                .option("--lock-holder", holder(pipeline))
                .option("--log-dir", folder)
                .repeated("--noise", step.getNoise())
                .repeated("--mask-env", env.maskedVariables());
    }

    /** The holder named in the deploy lock: the job and build, so a waiting pipeline says whom it waits for. */
    static String holder(Map<String, String> pipeline) {
        return "jenkins " + pipeline.getOrDefault("JOB_NAME", "job") + " #" + pipeline.getOrDefault("BUILD_NUMBER", "?")
                + Optional.ofNullable(pipeline.get("JENKINS_URL")).map(u -> " (" + u + ")").orElse("");
    }
}
