package io.mlship.plugin;

import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.log.PrintStreamLogSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The plain-Java half of {@code mlDeploy} and {@code mlRollback}: step fields + workspace + build folder → a core deploy. */
final class DeployInvocation {

    private final Path workspace;
    private final Path buildDirectory;
    private final Map<String, String> environment;

    DeployInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {
        this.workspace = workspace;
        this.buildDirectory = buildDirectory;
        this.environment = environment;
    }

    DeployResult deploy(DeployStep step, PrintStream log) throws InterruptedException {
        DeploySpec spec = step.targetFields().withTimeouts(DeploySpecReader.read(workspace.resolve(step.getProject()),
                step.targetFields().overrides().withImage(step.getImage())));
        DeploySpec.Builder changed = spec.toBuilder().policy(p -> p.withRollback(step.isRollback()));
        if (step.getProgressDeadlineSeconds() != null) {
            changed.policy(p -> p.withProgressDeadline(Duration.ofSeconds(step.getProgressDeadlineSeconds())));
        }
        if (step.getReadinessWindowSeconds() != null) {
            changed.policy(p -> p.withReadinessWindow(Duration.ofSeconds(step.getReadinessWindowSeconds())));
        }
        spec = changed.build();
        return DeployService.deploy(step.targetFields().request("mlDeploy", spec, StepFolders.next(buildDirectory, "deploy"), environment),
                new PrintStreamLogSink(log));
    }

    DeployResult rollback(RollbackStep step, PrintStream log) throws InterruptedException {
        DeploySpec spec = step.targetFields().withTimeouts(DeploySpecReader.readForRollback(workspace.resolve(step.getProject()),
                step.targetFields().overrides()));
        return DeployService.rollback(step.targetFields().request("mlRollback", spec, StepFolders.next(buildDirectory, "rollback"), environment),
                new PrintStreamLogSink(log));
    }
}
