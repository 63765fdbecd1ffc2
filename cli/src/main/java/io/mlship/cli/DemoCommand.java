package io.mlship.cli;

import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeploySpecReader;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildResult;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ModelBuildRequest;
import io.mlship.core.image.ModelBuildResult;
import io.mlship.core.log.LogSink;
import io.mlship.core.project.ModelProject;
import io.mlship.core.common.MemorySize;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.verify.SampleFile;
import io.mlship.core.verify.VerifyRequest;
import io.mlship.core.verify.VerifyResult;
import io.mlship.core.verify.VerifyService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on the embedded default target (local Docker): build the example model image (a real
 * scikit-learn model served by gunicorn, on mlship/base:python), verify it under its production memory
 * limit (it passes with room), then under a limit too small for its
 * model (the kernel OOM-kills it and mlship says which limit to set), deploy it as a container (the
 * docker target: readiness under the production limit), then deploy it under the too-small limit: the
 * OOM kill fails that deploy within seconds and the good container is restored.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job (build, verify, deploy) on the example model project against local Docker.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_IMAGE = "mlship-demo/iris-model:latest";
    /**
     * Less than the example's two gunicorn workers need to import scikit-learn and load the model
     * (~150 MiB together): the kernel kills a worker, the server stops, and the OOM verdict is real.
     */
    static final MemorySize TOO_SMALL = MemorySize.ofMebibytes(128);
    static final String DEPLOY_NAME = "mlship-demo-iris";

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", description = "Model project to use (default: examples/iris-model of this checkout).")
    private Path project;

    @Option(names = "--work-dir", description = "Where logs and reports go (default: .mlship/demo of this checkout).")
    private Path workDir;

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Option(names = "--deploy-name", defaultValue = DEPLOY_NAME, description = "Container the deploy stage runs (default: ${DEFAULT-VALUE}).")
    private String deployName;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LogSink console = ConsoleSink.of(out);
        Path home = MlshipHome.path();
        Path projectDir = project != null ? project : home.resolve("examples/iris-model");
        ModelProject model = ModelProject.load(projectDir);
        Path run = RunFolders.timestamped(workDir != null ? workDir : home.resolve(".mlship/demo"), "run");
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());

        out.println("== mlship demo 1/5: build the example model image on local Docker");
        out.println("   project " + projectDir + ", daemon " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ModelBuildResult result = ImageBuildService.run(endpoint, ModelBuildRequest.of(projectDir, DEMO_IMAGE, run.resolve("build")),
                ReportFiles.BUILD.in(run.resolve("build")), console);
        ImageBuildResult built = result.build();

        MemorySize limit = MemorySize.parse(model.verify().memory().orElse("256m"));
        VerifyRequest verify = VerifyRequest.of(DEMO_IMAGE, limit, model.name(),
                model.verify().samples().map(s -> SampleFile.read(projectDir.resolve(s))).orElse(java.util.List.of()),
                run.resolve("verify"));
        out.println("== mlship demo 2/5: verify it under its production limit (" + limit + ")");
        VerifyResult passing = VerifyService.run(endpoint, verify, ReportFiles.VERIFY.in(run.resolve("verify")), console);

        out.println("== mlship demo 3/5: verify it under " + TOO_SMALL + ", less than its model needs");
        VerifyResult starved = VerifyService.run(endpoint, verify.toBuilder().memoryLimit(TOO_SMALL).logDirectory(run.resolve("verify-oom")).build(),
                ReportFiles.VERIFY.in(run.resolve("verify-oom")), console);

        // Deploy on the embedded default target: the project's deploy section, on local Docker, on a
        // port of the loopback interface chosen by Docker (the demo must not collide with anything).
        DeploySpec deploy = DeploySpecReader.read(projectDir, DeployOverrides.none().withImage(DEMO_IMAGE)
                        .withTarget(DeployTarget.DOCKER).withName(deployName)).toBuilder()
                .docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .resources(new Resources(Optional.empty(), Optional.of(limit), Optional.empty(), Optional.empty()))
                .build();
        out.println("== mlship demo 4/5: deploy it as " + deployName + " behind its edge proxy, under " + limit);
        DeployRequest good = new DeployRequest(deploy, run.resolve("deploy"), "mlship demo", null, endpoint);
        DeployResult deployed = DeployService.deploy(good, console);
        out.println("== mlship demo 5/5: deploy it under " + TOO_SMALL + ": the OOM kill fails the deploy, which is rolled back");
        DeployResult rolledBack = DeployService.deploy(good.withSpec(deploy.toBuilder().resources(new Resources(Optional.empty(),
                Optional.of(TOO_SMALL), Optional.empty(), Optional.empty())).build()).withLogDirectory(run.resolve("deploy-oom")), console);

        out.println();
        out.println("== mlship demo: what happened");
        out.println("   image:              " + built.image() + " (" + built.imageId() + ")");
        out.println("   complete build log: " + built.logFile());
        out.println("   provenance:         " + result.provenanceFile() + " (commit "
                + result.provenance().git().commit().map(c -> c.substring(0, 12)).orElse("none")
                + (result.provenance().git().dirty() ? ", uncommitted changes" : "") + ")");
        out.println("   verify at " + limit + ":  " + (passing.passed() ? "PASSED" : "FAILED") + ", memory peak " + passing.peakMemory()
                + ", ready after " + passing.readyAfter().map(d -> d.toMillis() + " ms").orElse("-")
                + ", " + passing.samples().stream().filter(s -> s.passed()).count() + "/" + passing.samples().size() + " samples ok");
        out.println("   verify at " + TOO_SMALL + ": " + (starved.oomVerdict() ? "OOM verdict" : "no OOM verdict (unexpected)")
                + starved.recommendedLimit().map(r -> ", recommended limit " + r).orElse(""));
        starved.diagnosis().ifPresent(d -> out.println("     diagnosis:        " + d.line()));
        out.println("   deploy at " + limit + ":  " + deployed.outcome() + " as container " + deployed.object()
                + deployed.revision().map(r -> " (" + r + ")").orElse("") + " in " + deployed.duration().toMillis() + " ms"
                + deployed.url().map(u -> ", serving at " + u).orElse(""));
        out.println("   deploy at " + TOO_SMALL + ": " + rolledBack.failure().map(f -> f.reason().label()
                + f.exitCode().map(c -> ", exit code " + c).orElse("")).orElse("no failure (unexpected)")
                + " -> " + rolledBack.outcome() + " in " + rolledBack.duration().toMillis() + " ms; "
                + rolledBack.rollbackNote().orElse(""));
        rolledBack.recommendation().ifPresent(d -> out.println("     diagnosis:        " + d.line()));
        ReportPage.of(run, "mlship demo", out);
        out.println("   logs and reports:   " + run);
        out.println("   serving at:         " + deployed.url().orElse("-") + " (the edge " + deployed.edge().orElse("-")
                + " in front of the model container; both keep running)");
        out.println("   remove them with:   docker rm -f " + deployName + "-edge " + deployName + "-blue " + deployName + "-green; docker network rm "
                + deployName + "-mlship-net");
        boolean asExpected = passing.passed() && starved.oomVerdict() && deployed.succeeded()
                && rolledBack.outcome() == DeployOutcome.ROLLED_BACK
                && rolledBack.failure().map(f -> f.reason() == FailureReason.OOM_KILLED).orElse(false)
                && starved.diagnosis().isPresent() && rolledBack.recommendation().isPresent();
        if (!asExpected) {
            out.println("   the demo did not go as expected: see the verdicts above");
        }
        return asExpected ? 0 : 1;
    }
}
