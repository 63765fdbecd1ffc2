package io.mlship.cli;

import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.common.ImageReference;
import io.mlship.core.image.ModelBuildRequest;
import io.mlship.core.image.ModelBuildResult;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.registry.RegistryCredentials;
import io.mlship.core.report.ReportFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a model image with pre-flight checks, provenance labels and its complete log.",
                "The build log is streamed to the console and kept in a file; --push pushes the image afterwards. "
                        + "Without a Dockerfile the image is generated from mlship.yaml (image.base, image.entrypoint, ...)."})
final class BuildCommand implements Callable<Integer> {

    static final String PASSWORD_VARIABLE = "MLSHIP_REGISTRY_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Option(names = "--context", required = true, description = "The model project directory (build context).")
    private Path context;

    @Option(names = "--image", required = true, description = "Reference to tag, e.g. team/model:1.0.")
    private String image;

    @Option(names = "--dockerfile", description = "Dockerfile, relative to the context (default: Dockerfile, else generated from mlship.yaml).")
    private Path dockerfile;

    @Option(names = "--build-arg", description = "Build argument KEY=VALUE; repeatable.")
    private Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--target", description = "Build this stage of a multi-stage Dockerfile.")
    private String target;

    @Option(names = "--label", description = "Extra image label KEY=VALUE; repeatable.")
    private Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--no-cache", description = "Do not use the layer cache (rebuild every step).")
    private boolean noCache;

    @Option(names = "--fail-on-unpinned", description = "Fail the pre-flight on requirements not pinned with == (default: only flag them).")
    private boolean failOnUnpinned;

    @Option(names = "--push", description = "Push the image to this registry reference, e.g. 127.0.0.1:5000/team/model:1.0.")
    private String push;

    @Option(names = "--registry-user", description = "Registry user; the password comes from $" + PASSWORD_VARIABLE + " or --registry-password-stdin.")
    private String registryUser;

    @Option(names = "--registry-password-stdin", description = "Read the registry password from standard input.")
    private boolean passwordStdin;

    @Option(names = "--log-dir", description = "Where the complete build log goes (default: .mlship/logs/build-<time>).")
    private Path logDir;

    @Option(names = "--report", description = "Write a JSON report of the build here (default: <log-dir>/build-report.json).")
    private Path report;

    @Option(names = "--noise", description = "Regex of log lines to store but not show (added to the built-in probe and keep-alive rules); repeatable.")
    private List<String> noise = new ArrayList<>();

    @Option(names = "--mask-env", description = MaskedVariables.DESCRIPTION)
    private List<String> maskEnv = new ArrayList<>();

    @Option(names = "--docker-host", description = "Docker daemon, e.g. unix:///run/mlship/docker.sock (default: DOCKER_HOST, then mlship's daemon).")
    private String dockerHost;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Path logs = logDir != null ? logDir : RunFolders.timestamped(Path.of(".mlship", "logs"), "build");
        Path reportFile = report != null ? report : ReportFiles.BUILD.in(logs);
        ModelBuildRequest request = new ModelBuildRequest(context, dockerfile, new ImageReference(image), buildArgs,
                Optional.ofNullable(target), labels, noCache, failOnUnpinned,
                Optional.ofNullable(push).map(ImageReference::new), credentials(), logs);
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(dockerHost), System.getenv());
        ModelBuildResult result;
        try {
            result = ImageBuildService.run(endpoint, request, CaptureSettings.defaults().withNoise(noise).withSecrets(MaskedVariables.values(maskEnv, System.getenv())),
                    reportFile, ConsoleSink.of(out));
        } finally {
            ReportPage.beside(reportFile, "build", "build of " + image, out);
        }
        out.println("image: " + result.build().image() + " (" + result.build().imageId() + ")");
        result.push().ifPresent(p -> out.println("pushed: " + p.reference() + "@" + p.digest()));
        out.println("complete build log: " + result.build().logFile().toAbsolutePath());
        out.println("provenance: " + result.provenanceFile().toAbsolutePath());
        out.println("report: " + reportFile.toAbsolutePath());
        return 0;
    }

    private Optional<RegistryCredentials> credentials() {
        if (registryUser == null) {
            if (passwordStdin) {
                throw new MlshipException("--registry-password-stdin needs --registry-user");
            }
            return Optional.empty();
        }
        String password = passwordStdin ? readStdin() : System.getenv(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new MlshipException("--registry-user " + registryUser + " is given but no password: set $" + PASSWORD_VARIABLE
                    + " or pipe it to --registry-password-stdin (never put it on the command line)");
        }
        return Optional.of(new RegistryCredentials(registryUser, password));
    }

    private static String readStdin() {
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return line == null ? "" : line.strip();
        } catch (IOException e) {
            throw new MlshipException("cannot read the registry password from standard input: " + e.getMessage(), e);
        }
    }
}
