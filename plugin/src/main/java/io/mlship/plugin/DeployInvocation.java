package io.mlship.plugin;

import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.log.PrintStreamLogSink;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** The plain-Java half of {@code mlDeploy} and {@code mlRollback}: step fields + workspace + build folder → a core deploy. */
record DeployInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {

    DeployResult deploy(DeployStep step, PrintStream log) throws InterruptedException {
        return DeployService.deploy(step.settings(workspace, StepFolders.next(buildDirectory, "deploy"), environment)
                        .image(step.getImage()).rollback(step.isRollback())
                        .progressDeadlineSeconds(step.getProgressDeadlineSeconds())
                        .readinessWindowSeconds(step.getReadinessWindowSeconds())
                        .deployRequest(environment),
                new PrintStreamLogSink(log));
    }

    DeployResult rollback(RollbackStep step, PrintStream log) throws InterruptedException {
        return DeployService.rollback(step.settings(workspace, StepFolders.next(buildDirectory, "rollback"), environment)
                        .rollbackRequest(environment),
                new PrintStreamLogSink(log));
    }
}
