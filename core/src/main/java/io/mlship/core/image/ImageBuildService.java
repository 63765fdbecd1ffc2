package io.mlship.core.image;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.common.FileDigest;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.preflight.Preflight;
import io.mlship.core.preflight.PreflightRequest;
import io.mlship.core.preflight.PreflightResult;
import io.mlship.core.project.ModelProject;
import io.mlship.core.provenance.Provenance;
import io.mlship.core.provenance.ProvenanceCollector;
import io.mlship.core.registry.ImagePusher;
import io.mlship.core.registry.PushResult;
import io.mlship.core.registry.RegistryCredentials;
import io.mlship.core.report.JsonReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The model-image build as every front end (CLI, Jenkins step) runs it: read the project, pre-flight
 * checks, provenance, build with provenance labels, optional push; the JSON report is written whether
 * the build passed or failed, and {@code provenance.json} beside the log once there is an image.
 */
public final class ImageBuildService {

    public static final String PROVENANCE_FILE = "provenance.json";

    private ImageBuildService() {
    }

    public static ModelBuildResult run(DockerEndpoint endpoint, ModelBuildRequest request, Path report, LogSink console)
            throws InterruptedException {
        return run(endpoint, request, CaptureSettings.defaults(), report, console);
    }

    /** @param logs how the build log is captured (noise rules, secrets); the registry credentials are always masked */
    public static ModelBuildResult run(DockerEndpoint endpoint, ModelBuildRequest request, CaptureSettings logs, Path report,
                                       LogSink console) throws InterruptedException {
        ModelProject project = ModelProject.load(request.project());
        ImageBuildRequest build = dockerBuild(request, project);
        PreflightResult preflight = Preflight.check(new PreflightRequest(project,
                build.generatedDockerfile().isPresent() ? null : build.dockerfile(), request.failOnUnpinned()), console);
        if (!preflight.passed()) {
            JsonReport.write(BuildReport.preflightFailure(build, preflight), report);
            throw new PreflightFailedException(preflight);
        }
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            if (request.pushTo().isPresent()) {
                // Wrong credentials or an unreachable registry are found before the build, not after it.
                new ImagePusher(docker).checkAccess(request.pushTo().get(), request.credentials());
            }
            DockerfileInstructions instructions = build.generatedDockerfile()
                    .map(text -> DockerfileInstructions.parse(text.lines().toList()))
                    .orElseGet(() -> read(build.dockerfile()));
            Function<Map<String, FileDigest>, Provenance> provenanceOf =
                    new ProvenanceCollector(docker).prepare(project, instructions, build.target().orElse(null));
            ContextLabels contextLabels = new ContextLabels(Set.copyOf(ProvenanceCollector.modelFilePaths(project)), digests -> {
                Map<String, String> labels = new TreeMap<>(provenanceOf.apply(digests).labels());
                labels.putAll(project.image().labels());
                return labels;
            });
            ImageBuildResult built;
            try {
                built = new ImageBuilder(docker).build(build.withContextLabels(contextLabels).withLabels(request.labels()),
                        logs.withSecrets(request.credentials().map(RegistryCredentials::secrets).orElse(List.of())),
                        console);
            } catch (ImageBuildFailedException failure) {
                JsonReport.write(BuildReport.failure(build, failure, preflight), report);
                throw failure;
            }
            Provenance provenance = provenanceOf.apply(built.contextDigests());
            Path provenanceFile = built.logFile().resolveSibling(PROVENANCE_FILE);
            JsonReport.write(provenance.record(built.imageId(), Optional.empty()), provenanceFile);
            Optional<PushResult> pushed = Optional.empty();
            if (request.pushTo().isPresent()) {
                pushed = Optional.of(new ImagePusher(docker).push(request.image(), request.pushTo().get(), request.credentials(), console));
                JsonReport.write(provenance.record(built.imageId(), pushed.map(PushResult::digest)), provenanceFile);
            }
            ModelBuildResult result = new ModelBuildResult(built, preflight, provenance, provenanceFile, pushed);
            JsonReport.write(BuildReport.success(build, result), report);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }

    /** The daemon-level build: the project's Dockerfile, or one generated from mlship.yaml when it has none. */
    static ImageBuildRequest dockerBuild(ModelBuildRequest request, ModelProject project) {
        ImageBuildRequest build = new ImageBuildRequest(request.project(), request.dockerfile(), Optional.empty(), request.image(),
                request.buildArgs(), request.target(), Map.of(), ContextLabels.NONE, request.noCache(), request.logDirectory());
        boolean hasDockerfile = request.dockerfile() != null || Files.isRegularFile(request.project().resolve("Dockerfile"));
        if (!hasDockerfile && project.hasDescriptor() && project.image().base().isPresent()) {
            return build.withGeneratedDockerfile(DockerfileGenerator.generate(project));
        }
        return build;
    }

    private static DockerfileInstructions read(Path dockerfile) {
        try {
            return DockerfileInstructions.read(dockerfile);
        } catch (IOException e) {
            // validate() in the builder names a missing Dockerfile properly; here it only means no provenance of the base
            return DockerfileInstructions.parse(java.util.List.of());
        }
    }
}
