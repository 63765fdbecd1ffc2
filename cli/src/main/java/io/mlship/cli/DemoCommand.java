package io.mlship.cli;

import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ModelBuildRequest;
import io.mlship.core.image.ModelBuildResult;
import io.mlship.core.image.ImageBuildResult;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.log.LogSink;
import io.mlship.core.project.ModelProject;
import io.mlship.core.resources.MemorySize;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The main job on the embedded default target (local Docker): build the example model image, verify
 * it under its production memory limit (it passes with room), then under a limit too small for its
 * model (the kernel OOM-kills it and mlship says which limit to set). Deploy joins here later.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the main job (build, verify) on the example model project against local Docker.")
final class DemoCommand implements Callable<Integer> {

    static final String DEMO_IMAGE = "mlship-demo/iris-model:latest";
    /** Smaller than the example's resident model: shows what an OOM verdict looks like. */
    static final MemorySize TOO_SMALL = MemorySize.ofMebibytes(24);

    @Spec
    private CommandSpec spec;

    @Option(names = "--project", description = "Model project to use (default: examples/iris-model of this checkout).")
    private Path project;

    @Option(names = "--work-dir", description = "Where logs and reports go (default: .mlship/demo of this checkout).")
    private Path workDir;

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LogSink console = ConsoleSink.of(out);
        Path home = MlshipHome.path();
        Path projectDir = project != null ? project : home.resolve("examples/iris-model");
        ModelProject model = ModelProject.load(projectDir);
        Path run = RunFolders.timestamped(workDir != null ? workDir : home.resolve(".mlship/demo"), "run");
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());

        out.println("== mlship demo 1/3: build the example model image on local Docker");
        out.println("   project " + projectDir + ", daemon " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ModelBuildResult result = ImageBuildService.run(endpoint, ModelBuildRequest.of(projectDir, DEMO_IMAGE, run.resolve("build")),
                run.resolve("build/build-report.json"), console);
        ImageBuildResult built = result.build();

        MemorySize limit = MemorySize.parse(model.verify().memory().orElse("128m"));
        VerifyRequest verify = VerifyRequest.of(DEMO_IMAGE, limit, model.name(),
                model.verify().samples().map(s -> SampleFile.read(projectDir.resolve(s))).orElse(java.util.List.of()),
                run.resolve("verify"));
        out.println("== mlship demo 2/3: verify it under its production limit (" + limit + ")");
        VerifyResult passing = VerifyService.run(endpoint, verify, run.resolve("verify/verify-report.json"), console);

        out.println("== mlship demo 3/3: verify it under " + TOO_SMALL + ", less than its model needs");
        VerifyResult starved = VerifyService.run(endpoint, verify.withMemoryLimit(TOO_SMALL).withLogDirectory(run.resolve("verify-oom")),
                run.resolve("verify-oom/verify-report.json"), console);

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
        out.println("   logs and reports:   " + run);
        boolean asExpected = passing.passed() && starved.oomVerdict();
        if (!asExpected) {
            out.println("   the demo did not go as expected: see the verdicts above");
        }
        return asExpected ? 0 : 1;
    }
}
