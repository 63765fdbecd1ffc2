package io.mlship.cli;

import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpecReader;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Go back to the previous revision of a deploy and confirm it is ready.",
                "It works as `kubectl rollout undo` does; on a Docker host the previous container comes back. "
                        + "Exit 0 when the previous revision is back and ready."})
final class RollbackCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DeployTargetOptions target;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DeployRequest request = target.checked(target.settings("rollback").rollbackRequest(System.getenv()));
        DeployResult result;
        try {
            result = DeployService.rollback(request, ConsoleSink.of(out));
        } finally {
            ReportPage.beside(DeployService.reportFile(request), "deploy", "rollback", out);
        }
        DeployResultLines.print(result, out);
        out.println("report: " + DeployService.reportFile(request).toAbsolutePath());
        return result.outcome() == DeployOutcome.ROLLED_BACK ? 0 : 1;
    }
}
