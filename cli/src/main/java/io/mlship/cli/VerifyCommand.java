package io.mlship.cli;

import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.common.ImageReference;
import io.mlship.core.common.MemorySize;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.verify.SampleCase;
import io.mlship.core.verify.SampleFile;
import io.mlship.core.verify.VerifyRequest;
import io.mlship.core.verify.VerifyResult;
import io.mlship.core.verify.VerifyService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Run an image locally under production limits, send sample requests and measure its memory peak.",
                "Exit 0 when it passes, 1 with the verdict (OOM, not ready, sample) when not."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--image", required = true, description = "Image to verify (on the Docker daemon).")
    private String image;

    @Option(names = "--memory", required = true, description = "Production memory limit, e.g. 512m, 2Gi.")
    private String memory;

    @Option(names = "--cpus", defaultValue = "1", description = "Production CPU limit (default: ${DEFAULT-VALUE}).")
    private double cpus;

    @Option(names = "--samples", description = "JSON file of sample requests and expected answers.")
    private Path samples;

    @Option(names = "--model", description = "Model name in /v2/models/{name}/infer (default: the image's io.mlship.model.name label, else its repository name).")
    private String model;

    @Option(names = "--port", description = "Container port the server listens on (default: the one port the image exposes).")
    private Integer port;

    @Option(names = "--ready-path", defaultValue = VerifyRequest.KSERVE_READY_PATH, description = "Readiness endpoint (default: ${DEFAULT-VALUE}).")
    private String readyPath;

    @Option(names = "--ready-timeout", defaultValue = "60", description = "Seconds to wait for readiness (default: ${DEFAULT-VALUE}).")
    private long readyTimeoutSeconds;

    @Option(names = "--headroom", defaultValue = "0.85", description = "Fail when the memory peak passes this fraction of the limit (default: ${DEFAULT-VALUE}).")
    private double headroom;

    @Option(names = "--env", description = "Environment variable KEY=VALUE for the container; repeatable.")
    private Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--no-measure", description = "After an OOM kill, do not run again under a larger limit to measure the need.")
    private boolean noMeasure;

    @Option(names = "--log-dir", description = "Where the container logs go (default: .mlship/logs/verify-<time>).")
    private Path logDir;

    @Option(names = "--report", description = "Write a JSON report here (default: <log-dir>/verify-report.json).")
    private Path report;

    @Option(names = "--noise", description = "Regex of log lines to store but not show (added to the built-in probe and keep-alive rules); repeatable.")
    private List<String> noise = new ArrayList<>();

    @Option(names = "--mask-env", description = MaskedVariables.DESCRIPTION)
    private List<String> maskEnv = new ArrayList<>();

    @Option(names = "--docker-host", description = "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws InterruptedException {
        Path logs = logDir != null ? logDir : RunFolders.timestamped(Path.of(".mlship", "logs"), "verify");
        Path reportFile = report != null ? report : ReportFiles.VERIFY.in(logs);
        List<SampleCase> cases = samples == null ? List.of() : SampleFile.read(samples);
        VerifyRequest request = VerifyRequest.builder(new ImageReference(image), MemorySize.parse(memory, "--memory"), logs)
                .cpus(cpus).port(Optional.ofNullable(port)).readyPath(readyPath).modelName(model).samples(cases)
                .readyTimeout(Duration.ofSeconds(readyTimeoutSeconds)).headroom(headroom).environment(env)
                .measureOnOom(!noMeasure).build();
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());
        VerifyResult result;
        try {
            result = VerifyService.run(endpoint, request, CaptureSettings.defaults().withNoise(noise).withSecrets(MaskedVariables.values(maskEnv, System.getenv())),
                    reportFile, ConsoleSink.of(spec.commandLine().getOut()));
        } finally {
            ReportPage.beside(reportFile, "verify", "verify of " + image, spec.commandLine().getOut());
        }
        spec.commandLine().getOut().println("report: " + reportFile.toAbsolutePath());
        return result.passed() ? 0 : 1;
    }
}
