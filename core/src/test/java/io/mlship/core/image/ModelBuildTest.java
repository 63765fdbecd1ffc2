package io.mlship.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.registry.RegistryCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole model build on the real daemon and the registries of scripts/services: pre-flight,
 * provenance labels, generated Dockerfiles, push (open registry on :5000, login registry on :5001).
 */
class ModelBuildTest {

    static final Path EXAMPLE = ImageBuilderTest.EXAMPLE_PROJECT;
    static final String OPEN_REGISTRY = "127.0.0.1:5000";
    static final String LOGIN_REGISTRY = "127.0.0.1:5001";
    static final Path LOGIN_PASSWORD = Path.of(System.getenv().getOrDefault("MLSHIP_STATE", "/var/lib/mlship"), "registry-auth/password");

    @TempDir
    Path temp;

    private final DockerEndpoint endpoint = DockerEndpoint.fromEnvironment();
    private DockerClient docker;
    private final List<String> images = new ArrayList<>();
    private final List<String> console = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        docker = DockerConnector.connect(endpoint);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String image : images) {
            try {
                docker.removeImageCmd(image).exec();
            } catch (NotFoundException gone) {
                // never built or already untagged
            }
        }
        docker.close();
    }

    private String image(String name) {
        String image = "mlship-test/" + name + ":" + suffix;
        images.add(image);
        return image;
    }

    private ModelBuildResult build(ModelBuildRequest request) throws InterruptedException {
        return ImageBuildService.run(endpoint, request, request.logDirectory().resolve("report.json"), console::add);
    }

    @Test
    void provenanceLabelsAreOnTheImageAndIdenticalForIdenticalInputs() throws Exception {
        String first = image("prov-a");
        String second = image("prov-b");
        ModelBuildResult a = build(ModelBuildRequest.of(EXAMPLE, first, temp.resolve("a")));
        ModelBuildResult b = build(ModelBuildRequest.of(EXAMPLE, second, temp.resolve("b")));

        Map<String, String> labelsA = docker.inspectImageCmd(first).exec().getConfig().getLabels();
        Map<String, String> labelsB = docker.inspectImageCmd(second).exec().getConfig().getLabels();
        assertThat(labelsA).isEqualTo(labelsB).containsAllEntriesOf(a.provenance().labels());
        // a hyperparameter value with quotes and $ survives the Dockerfile round trip exactly
        assertThat(labelsA.get("io.mlship.hyperparameters")).isEqualTo(a.provenance().labels().get("io.mlship.hyperparameters"));
        assertThat(labelsA).containsEntry("io.mlship.model.name", "iris")
                .containsEntry("io.mlship.dataset.uri", "uci-ml-repository:iris")
                .containsEntry("io.mlship.model.file.model/iris-logreg.json", a.provenance().modelFiles().get(0).sha256())
                .containsEntry("org.opencontainers.image.base.name", "mlship/base:busybox")
                .containsEntry("org.opencontainers.image.base.digest", docker.inspectImageCmd("mlship/base:busybox").exec().getId())
                .containsKey("org.opencontainers.image.revision");
        assertThat(b.build().imageId()).isEqualTo(a.build().imageId());
        JsonNode record = new ObjectMapper().readTree(a.provenanceFile().toFile());
        assertThat(record.get("image").get("id").asText()).isEqualTo(a.build().imageId());
        assertThat(record.get("git").get("commit").asText()).isEqualTo(labelsA.get("org.opencontainers.image.revision"));
    }

    @Test
    void projectWithoutDockerfileIsBuiltFromMlshipYaml() throws Exception {
        Path project = Files.createDirectories(temp.resolve("generated"));
        Files.createDirectories(project.resolve("model"));
        Files.writeString(project.resolve("model/weights.txt"), "0.1 0.2 0.3");
        Files.writeString(project.resolve("serve.sh"), "#!/bin/sh\necho serving $(cat /srv/model/weights.txt)\n");
        Files.writeString(project.resolve("secret.env"), "TOKEN=do-not-ship");
        Files.writeString(project.resolve(".dockerignore"), "*.env\n");
        Files.writeString(project.resolve("mlship.yaml"), String.join("\n",
                "name: tiny", "version: 0.1.0",
                "model: {files: [model/weights.txt]}",
                "image: {base: 'mlship/base:busybox', port: 9000, entrypoint: ['/bin/sh', '/srv/serve.sh']}", ""));
        String image = image("generated");

        ModelBuildResult result = build(ModelBuildRequest.of(project, image, temp.resolve("logs")));

        var config = docker.inspectImageCmd(image).exec().getConfig();
        assertThat(config.getUser()).isEqualTo(DockerfileGenerator.DEFAULT_USER);
        assertThat(config.getEntrypoint()).containsExactly("/bin/sh", "/srv/serve.sh");
        assertThat(config.getExposedPorts()).extracting(p -> p.getPort()).containsExactly(9000);
        assertThat(Files.readString(temp.resolve("logs/Dockerfile.generated"))).contains("FROM mlship/base:busybox");
        assertThat(result.build().logFile()).exists();
        // .dockerignore is honoured: the secret file never reached the image
        String listing = runAndCollect(image, "ls", "/srv");
        assertThat(listing).contains("serve.sh", "model", "mlship.yaml").doesNotContain("secret.env");
    }

    private String runAndCollect(String image, String... command) throws Exception {
        String id = docker.createContainerCmd(image).withEntrypoint(command).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            docker.waitContainerCmd(id).start().awaitStatusCode();
            StringBuilder out = new StringBuilder();
            docker.logContainerCmd(id).withStdOut(true).withStdErr(true).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<
                    com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame frame) {
                    out.append(new String(frame.getPayload()));
                }
            }).awaitCompletion();
            return out.toString();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    @Test
    void preflightErrorsStopTheBuildBeforeAnythingIsBuilt() throws Exception {
        Path project = Files.createDirectories(temp.resolve("unpinned"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship/base:busybox\nUSER 65534\n");
        Files.writeString(project.resolve("requirements.txt"), "numpy>=1.20\n");
        Files.writeString(project.resolve("mlship.yaml"), "name: unpinned\nmodel: {files: [model.onnx]}\n");
        String image = image("unpinned");

        assertThatThrownBy(() -> build(ModelBuildRequest.of(project, image, temp.resolve("logs")).failingOnUnpinned()))
                .isInstanceOf(PreflightFailedException.class)
                .hasMessageContaining("requirements.unpinned requirements.txt:1")
                .hasMessageContaining("model file `model.onnx`");
        assertThatThrownBy(() -> docker.inspectImageCmd(image).exec()).isInstanceOf(NotFoundException.class);
        JsonNode report = new ObjectMapper().readTree(temp.resolve("logs/report.json").toFile());
        assertThat(report.get("status").asText()).isEqualTo("preflight-failed");
    }

    @Test
    void unpinnedRequirementsAreOnlyFlaggedByDefault() throws Exception {
        Path project = Files.createDirectories(temp.resolve("flagged"));
        Files.writeString(project.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY requirements.txt /r.txt\nUSER 65534\n");
        Files.writeString(project.resolve("requirements.txt"), "numpy>=1.20\n");

        ModelBuildResult result = build(ModelBuildRequest.of(project, image("flagged"), temp.resolve("logs")));

        assertThat(result.preflight().findings()).extracting(f -> f.rule()).containsExactly("requirements.unpinned");
        assertThat(console).anyMatch(line -> line.contains("WARNING requirements.unpinned requirements.txt:1"));
    }

    @Test
    void pushesToTheRegistryAndReportsTheDigestTheRegistryServes() throws Exception {
        String target = OPEN_REGISTRY + "/mlship-test/iris:" + suffix;
        ModelBuildResult result = build(ModelBuildRequest.of(EXAMPLE, image("push"), temp.resolve("logs"))
                .pushingTo(target, Optional.empty()));
        images.add(target);

        String digest = result.push().orElseThrow().digest();
        assertThat(digest).startsWith("sha256:");
        HttpResponse<Void> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + OPEN_REGISTRY + "/v2/mlship-test/iris/manifests/" + suffix))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.headers().firstValue("Docker-Content-Digest")).contains(digest);
        JsonNode record = new ObjectMapper().readTree(result.provenanceFile().toFile());
        assertThat(record.get("image").get("pushedDigest").asText()).isEqualTo(digest);
    }

    @Test
    void loginRegistryAcceptsTheRightPasswordAndItNeverReachesDisk() throws Exception {
        String password = Files.readString(LOGIN_PASSWORD).strip();
        String target = LOGIN_REGISTRY + "/mlship-test/iris:" + suffix;
        ModelBuildResult result = build(ModelBuildRequest.of(EXAMPLE, image("login"), temp.resolve("logs"))
                .pushingTo(target, Optional.of(new RegistryCredentials("mlship", password))));
        images.add(target);

        assertThat(result.push()).isPresent();
        try (Stream<Path> files = Files.walk(temp)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(password);
            }
        }
        assertThat(String.join("\n", console)).doesNotContain(password);
    }

    @Test
    void wrongCredentialsAreRefusedAndNoTargetTagStaysBehind() {
        String target = LOGIN_REGISTRY + "/mlship-test/iris:" + suffix;
        images.add(target);
        assertThatThrownBy(() -> build(ModelBuildRequest.of(EXAMPLE, image("badlogin"), temp.resolve("logs"))
                .pushingTo(target, Optional.of(new RegistryCredentials("mlship", "wrong-password")))))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("refused the credentials of user `mlship`")
                .hasMessageNotContaining("wrong-password");
        assertThatThrownBy(() -> docker.inspectImageCmd(target).exec()).isInstanceOf(NotFoundException.class);
        String notBuilt = "mlship-test/badlogin:" + suffix;
        assertThatThrownBy(() -> docker.inspectImageCmd(notBuilt).exec()).as("refused before the build, not after it")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void loginRegistryWithoutCredentialsFailsAndUntagsTheTarget() {
        String target = LOGIN_REGISTRY + "/mlship-test/anon:" + suffix;
        images.add(target);
        assertThatThrownBy(() -> build(ModelBuildRequest.of(EXAMPLE, image("anon"), temp.resolve("logs"))
                .pushingTo(target, Optional.empty())))
                .hasMessageContaining("push of " + target + " failed")
                .hasMessageContaining("the registry wants credentials");
        assertThatThrownBy(() -> docker.inspectImageCmd(target).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void unreachableRegistryIsNamed() {
        assertThatThrownBy(() -> build(ModelBuildRequest.of(EXAMPLE, image("nowhere"), temp.resolve("logs"))
                .pushingTo("127.0.0.1:5999/mlship-test/iris:1", Optional.empty())))
                .hasMessageContaining("registry 127.0.0.1:5999 is unreachable");
    }
}
