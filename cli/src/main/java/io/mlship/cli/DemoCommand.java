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
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.shadow.docker.DockerShadow;
import io.mlship.core.shadow.docker.ShadowRequest;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.MirrorSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import io.mlship.core.shadow.spec.OutputRule;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
 * OOM kill fails that deploy within seconds and the good container is restored. Then two shadows beside the live
 * deploy, with live traffic through the edge: the retrained v2 is ABORTED with its measured agreement (the training's
 * recorded disagreement), and a rebuild of v1 (same weights, a new version) is PROMOTED and deployed.
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
    /** The retrained candidate (the example's MODEL=iris-v2): it disagrees with v1 on part of the evaluation set. */
    static final String RETRAINED_IMAGE = "mlship-demo/iris-model:2.0.0";
    /** v1's weights under a new version: a candidate that agrees on every input. */
    static final String REBUILT_IMAGE = "mlship-demo/iris-model:1.0.1";
    /** Where the two shadow stages' reports go, under the run folder. */
    static final String SHADOW_ABORTED_DIR = "shadow";
    static final String SHADOW_PROMOTED_DIR = "shadow-promote";

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

    @Option(names = "--prometheus", defaultValue = "http://127.0.0.1:9090",
            description = "Prometheus that scrapes the shadows' comparators (scripts/services'); default: ${DEFAULT-VALUE}.")
    private URI prometheus;

    @Option(names = "--prometheus-targets", description = "Folder of that Prometheus' file_sd targets; default: /var/lib/mlship/prometheus/targets.")
    private Path prometheusTargets;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LogSink console = ConsoleSink.of(out);
        Path home = MlshipHome.path();
        Path projectDir = project != null ? project : home.resolve("examples/iris-model");
        ModelProject model = ModelProject.load(projectDir);
        requirePrometheus();
        Path run = RunFolders.timestamped(workDir != null ? workDir : home.resolve(".mlship/demo"), "run");
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());

        out.println("== mlship demo 1/7: build the example model image on local Docker");
        out.println("   project " + projectDir + ", daemon " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ModelBuildResult result = ImageBuildService.run(endpoint, ModelBuildRequest.of(projectDir, DEMO_IMAGE, run.resolve("build")),
                ReportFiles.BUILD.in(run.resolve("build")), console);
        ImageBuildResult built = result.build();

        MemorySize limit = MemorySize.parse(model.verify().memory().orElse("256m"));
        VerifyRequest verify = VerifyRequest.of(DEMO_IMAGE, limit, model.name(),
                model.verify().samples().map(s -> SampleFile.read(projectDir.resolve(s))).orElse(java.util.List.of()),
                run.resolve("verify"));
        out.println("== mlship demo 2/7: verify it under its production limit (" + limit + ")");
        VerifyResult passing = VerifyService.run(endpoint, verify, ReportFiles.VERIFY.in(run.resolve("verify")), console);

        out.println("== mlship demo 3/7: verify it under " + TOO_SMALL + ", less than its model needs");
        VerifyResult starved = VerifyService.run(endpoint, verify.toBuilder().memoryLimit(TOO_SMALL).logDirectory(run.resolve("verify-oom")).build(),
                ReportFiles.VERIFY.in(run.resolve("verify-oom")), console);

        // Deploy on the embedded default target: the project's deploy section, on local Docker, on a
        // port of the loopback interface chosen by Docker (the demo must not collide with anything).
        DeploySpec deploy = dockerSpec(projectDir, DEMO_IMAGE, limit);
        out.println("== mlship demo 4/7: deploy it as " + deployName + " behind its edge proxy, under " + limit);
        DeployRequest good = new DeployRequest(deploy, run.resolve("deploy"), "mlship demo", null, endpoint);
        DeployResult deployed = DeployService.deploy(good, console);
        out.println("== mlship demo 5/7: deploy it under " + TOO_SMALL + ": the OOM kill fails the deploy, which is rolled back");
        DeployResult rolledBack = DeployService.deploy(good.withSpec(deploy.toBuilder().resources(new Resources(Optional.empty(),
                Optional.of(TOO_SMALL), Optional.empty(), Optional.empty())).build()).withLogDirectory(run.resolve("deploy-oom")), console);

        // Two shadows beside the live deploy (v1), with live traffic through the edge while each runs.
        out.println("== mlship demo 6/7: shadow the retrained v2 (" + RETRAINED_IMAGE + ") beside the live v1, with live traffic through the edge");
        buildVariant(endpoint, projectDir, RETRAINED_IMAGE, Map.of("MODEL", "iris-v2", "MODEL_VERSION", "2.0.0"), run.resolve("build-v2"), console);
        ShadowStage retrained = shadow(projectDir, model.name(), good.withSpec(dockerSpec(projectDir, RETRAINED_IMAGE, limit))
                .withLogDirectory(run.resolve(SHADOW_ABORTED_DIR)), deployed, out, console);
        out.println("== mlship demo 7/7: shadow " + REBUILT_IMAGE + " (v1's weights, a new version): it agrees, so it is promoted");
        buildVariant(endpoint, projectDir, REBUILT_IMAGE, Map.of("MODEL_VERSION", "1.0.1"), run.resolve("build-v1.0.1"), console);
        ShadowStage rebuilt = shadow(projectDir, model.name(), good.withSpec(dockerSpec(projectDir, REBUILT_IMAGE, limit))
                .withLogDirectory(run.resolve(SHADOW_PROMOTED_DIR)), deployed, out, console);
        RecordedAgreement recorded = RecordedAgreement.read(projectDir);

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
        out.println("   deploy at " + limit + ":  " + deployed.outcome() + " as container " + containerName(endpoint, deployed)
                + deployed.revision().map(r -> " (" + r + ")").orElse("") + " in " + deployed.duration().toMillis() + " ms"
                + deployed.url().map(u -> ", serving at " + u).orElse(""));
        out.println("   deploy at " + TOO_SMALL + ": " + rolledBack.failure().map(f -> f.reason().label()
                + f.exitCode().map(c -> ", exit code " + c).orElse("")).orElse("no failure (unexpected)")
                + " -> " + rolledBack.outcome() + " in " + rolledBack.duration().toMillis() + " ms; "
                + rolledBack.rollbackNote().orElse(""));
        rolledBack.recommendation().ifPresent(d -> out.println("     diagnosis:        " + d.line()));
        boolean exact = retrained.result().judgement().agreement().map(recorded::equalsAgreement).orElse(false);
        out.println("   shadow of 2.0.0:    " + retrained.summary() + "; the training recorded " + recorded.describe()
                + (exact ? ": equal" : ": not equal (a copy whose baseline or candidate call failed is unpaired, so the judge's pairs"
                + " were not exactly one pass)"));
        out.println("     report:           " + retrained.result().report());
        out.println("   shadow of 1.0.1:    " + rebuilt.summary() + rebuilt.result().promotion()
                .map(p -> "; deployed " + p.outcome() + " as container " + containerName(endpoint, p)).orElse(""));
        out.println("     report:           " + rebuilt.result().report());
        ReportPage.of(run, "mlship demo", out);
        out.println("   logs and reports:   " + run);
        out.println("   serving at:         " + deployed.url().orElse("-") + " (the edge " + deployed.edge().orElse("-")
                + " in front of the model container; both keep running)");
        out.println("   remove them with:   docker rm -f " + deployName + "-edge " + deployName + "-blue " + deployName + "-green; docker network rm "
                + deployName + "-mlship-net");
        boolean asExpected = passing.passed() && starved.oomVerdict() && deployed.succeeded()
                && rolledBack.outcome() == DeployOutcome.ROLLED_BACK
                && rolledBack.failure().map(f -> f.reason() == FailureReason.OOM_KILLED).orElse(false)
                && starved.diagnosis().isPresent() && rolledBack.recommendation().isPresent()
                && retrained.result().outcome() == ShadowOutcome.ABORTED
                && retrained.result().judgement().agreement().map(a -> Math.abs(a - recorded.agreement()) <= 0.01).orElse(false)
                && rebuilt.result().outcome() == ShadowOutcome.PROMOTED
                && retrained.traffic().errors() == 0 && rebuilt.traffic().errors() == 0;
        if (!asExpected) {
            out.println("   the demo did not go as expected: see the verdicts above");
        }
        return asExpected ? 0 : 1;
    }

    /** The project's deploy section on local Docker under {@code limit}, on a loopback port Docker chooses. */
    private DeploySpec dockerSpec(Path projectDir, String image, MemorySize limit) {
        return DeploySpecReader.read(projectDir, DeployOverrides.none().withImage(image)
                        .withTarget(DeployTarget.DOCKER).withName(deployName)).toBuilder()
                .docker(new DockerHostOptions("127.0.0.1", Optional.empty(), 2))
                .resources(new Resources(Optional.empty(), Optional.of(limit), Optional.empty(), Optional.empty()))
                .build();
    }

    private static void buildVariant(DockerEndpoint endpoint, Path projectDir, String image, Map<String, String> buildArgs, Path logs,
                                     LogSink console) throws InterruptedException {
        ModelBuildRequest plain = ModelBuildRequest.of(projectDir, image, logs);
        ModelBuildRequest request = new ModelBuildRequest(plain.project(), plain.dockerfile(), plain.image(), buildArgs, plain.target(),
                plain.labels(), plain.noCache(), plain.failOnUnpinned(), plain.pushTo(), plain.credentials(), logs);
        ImageBuildService.run(endpoint, request, ReportFiles.BUILD.in(logs), console);
    }

    /** One shadow stage: the shadow's result and the live traffic's counts while it ran. */
    record ShadowStage(DockerShadow.Result result, DemoTraffic.Counts traffic) {

        String summary() {
            var j = result.judgement();
            return result.outcome() + " after " + String.format(Locale.ROOT, "%.1f", j.seconds()) + " s: agreement "
                    + j.agreement().map(a -> String.format(Locale.ROOT, "%.6f", a)).orElse("-") + " over " + j.pairs() + " pairs"
                    + "; live errors " + describe(result) + " (edge log), " + traffic.errors() + " of " + traffic.sent()
                    + " (the demo's client" + (traffic.firstError() == null ? "" : ", first: " + traffic.firstError()) + ")";
        }

        private static String describe(DockerShadow.Result result) {
            try {
                var live = new ObjectMapper().readTree(result.report().toFile()).get("liveErrors");
                return live == null || live.isNull() ? "unknown" : live.asText();
            } catch (java.io.IOException e) {
                return "unknown (" + e.getMessage() + ")";
            }
        }
    }

    /**
     * A shadow of {@code candidate} beside the live deploy, judged on short demo settings (1 s checks, one pass over the
     * evaluation set as the minimum), while {@link DemoTraffic} sends live requests through the edge. The traffic
     * starts once the mirror is on, so its first pass is copied whole.
     */
    private ShadowStage shadow(Path projectDir, String modelName, DeployRequest candidate, DeployResult live, PrintWriter out,
                               LogSink console) throws InterruptedException {
        DemoTraffic traffic = DemoTraffic.of(projectDir, live.url().orElseThrow(() -> new MlshipException(
                "the demo's deploy has no URL to send live traffic to")), modelName, 20, Duration.ofSeconds(30));
        ShadowSpec spec = ShadowSpec.builder()
                .mirror(new MirrorSpec(100, List.of("POST"), List.of(MirrorSpec.inferencePath(modelName))))
                .analysis(new AnalysisSpec(Duration.ofSeconds(1), traffic.passSize(), Duration.ofSeconds(5), Duration.ofSeconds(120), 1,
                        NoDataPolicy.INCONCLUSIVE))
                // the class is what users act on. Error rate and latency ratio are loose because the demo's containers
                // share a laptop's cores with everything else: at load average ~30 on 2 cores, v1's rebuild timed out on
                // 2.3% of its copies (the comparator's 5 s), most of them its first ones
                .criteria(new CriteriaSpec(0.99, List.of(OutputRule.classes("class")), 0.05, 3, 0.9))
                .build();
        LogSink watching = line -> {
            console.line(line);
            if (line.contains(": mirroring ")) {
                traffic.start();
            }
        };
        DockerShadow.Result result;
        DemoTraffic.Counts counts;
        try {
            result = DockerShadow.run(new ShadowRequest(candidate, spec, prometheus, prometheusTargets, null, candidate.logDirectory()),
                    watching);
        } finally {
            counts = traffic.stop();
        }
        out.println("   live traffic while it ran: " + counts.sent() + " requests (the evaluation inputs, metadata GETs between passes), " + counts.errors() + " not answered 200, p50 "
                + counts.p50Millis() + " ms, p99 " + counts.p99Millis() + " ms");
        return new ShadowStage(result, counts);
    }

    /** The shadow stages need scripts/services' Prometheus (it scrapes the comparators every second): say so up front. */
    private void requirePrometheus() throws InterruptedException {
        URI ready = prometheus.resolve("/-/ready");
        try {
            int status = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status == 200) {
                return;
            }
            throw new MlshipException("Prometheus at " + prometheus + " is not ready (" + ready + " answered " + status
                    + "): the demo's shadow stages judge on it. Start it with scripts/services start, or pass --prometheus URL");
        } catch (java.io.IOException e) {
            throw new MlshipException("no Prometheus at " + prometheus + " (" + e + "): the demo's shadow stages judge on it. "
                    + "Start it with scripts/services start, or pass --prometheus URL");
        }
    }

    /** The container a docker deploy left serving (blue or green): its result names the deploy and the container id. */
    private static String containerName(DockerEndpoint endpoint, DeployResult result) {
        if (result.revision().isEmpty()) {
            return result.object();
        }
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            return docker.inspectContainerCmd(result.revision().get()).exec().getName().replaceFirst("^/", "");
        } catch (NotFoundException | java.io.IOException e) {
            return result.object();
        }
    }
}
