package io.mlship.cli;

import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.DeployTargetSettings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Deploy the project's model to Kubernetes, OpenShift or a Docker host and watch the rollout.",
                "What to deploy comes from the deploy: section of mlship.yaml. A failing rollout (OOMKilled, "
                        + "CrashLoopBackOff, image pull, config, unschedulable, not ready) fails fast, keeps the evidence "
                        + "and is rolled back. Exit 0 when deployed, 1 when it failed (rolled back or not)."})
final class DeployCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DeployTargetOptions target;

    @Option(names = "--image", description = "Image to deploy, with tag or digest (default: deploy.image).")
    private String image;

    @Option(names = "--no-rollback", description = "Leave a failed version in place for inspection instead of rolling back.")
    private boolean noRollback;

    @Option(names = "--progress-deadline", description = "Seconds the whole rollout may take (default: deploy.rollout.progressDeadlineSeconds, else 600).")
    private Long progressDeadlineSeconds;

    @Option(names = "--readiness-window", description = "Seconds a running container may stay not ready (default: deploy.rollout.readinessWindowSeconds, else 120).")
    private Long readinessWindowSeconds;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DeployTargetSettings settings = target.settings("deploy").image(image)
                .progressDeadlineSeconds(progressDeadlineSeconds).readinessWindowSeconds(readinessWindowSeconds);
        if (noRollback) {
            settings.rollback(false);
        }
        DeployRequest request = target.checked(settings.deployRequest(System.getenv()));
        DeployResult result;
        try {
            result = DeployService.deploy(request, ConsoleSink.of(out));
        } finally {
            ReportPage.beside(DeployService.reportFile(request), "deploy", image == null ? "deploy" : "deploy of " + image, out);
        }
        DeployResultLines.print(result, out);
        out.println("report: " + DeployService.reportFile(request).toAbsolutePath());
        return result.succeeded() ? 0 : 1;
    }
}
