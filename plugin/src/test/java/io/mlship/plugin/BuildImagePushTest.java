package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ModelBuildResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** mlBuildImage with push: credentials come from the build environment (withCredentials), never the step log. */
class BuildImagePushTest {

    static final Path PASSWORD_FILE = Path.of(System.getenv().getOrDefault("MLSHIP_STATE", "/var/lib/mlship"), "registry-auth/password");

    @TempDir
    Path temp;

    @Test
    void pushesWithCredentialsFromTheEnvironmentAndNeverLogsThem() throws Exception {
        String password = Files.readString(PASSWORD_FILE).strip();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        BuildImageStep step = new BuildImageStep("mlship-test/plugin-push:" + tag);
        step.setContext(VerifyImageInvocationTest.EXAMPLE.toString());
        step.setPush("127.0.0.1:5001/mlship-test/plugin-push:" + tag);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("DOCKER_HOST", DockerEndpoint.fromEnvironment().host(),
                BuildImageInvocation.USER_VARIABLE, "mlship", BuildImageInvocation.PASSWORD_VARIABLE, password);

        ModelBuildResult result = new BuildImageInvocation(temp, temp.resolve("build"), env)
                .build(step, new PrintStream(log, true, StandardCharsets.UTF_8));

        assertThat(result.push().orElseThrow().digest()).startsWith("sha256:");
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("pushed 127.0.0.1:5001/mlship-test/plugin-push:" + tag + "@sha256:")
                .doesNotContain(password);
        BuildImageAction action = BuildImageAction.of(result);
        assertThat(action.getPushedDigest()).isEqualTo(result.push().get().digest());
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.removeImageCmd(step.getPush()).exec();
            docker.removeImageCmd(step.getImage()).exec();
        }
    }

    @Test
    void userWithoutPasswordIsAnActionableError() {
        BuildImageStep step = new BuildImageStep("mlship-test/plugin-push:x");
        step.setContext(VerifyImageInvocationTest.EXAMPLE.toString());
        step.setPush("127.0.0.1:5001/mlship-test/plugin-push:x");
        Map<String, String> env = Map.of(BuildImageInvocation.USER_VARIABLE, "mlship");
        assertThatThrownBy(() -> new BuildImageInvocation(temp, temp.resolve("build"), env)
                .build(step, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .hasMessageContaining("withCredentials");
    }
}
