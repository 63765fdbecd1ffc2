package io.mlship.core.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.registry.ImagePusher;
import io.mlship.core.scan.service.ScanService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --image with a registry reference the daemon does not have: pulled through the daemon from the local registry, then scanned. */
class ScanRegistryImageTest {

    static final String LOCAL = ScanFixtures.testTag("registry");
    static final String REMOTE = "127.0.0.1:5000/mlship-test-scan/registry:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    static Path temp;

    @BeforeAll
    static void buildAndPush() throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        Path context = Files.createDirectories(temp.resolve("context"));
        Files.createDirectories(context.resolve("rootfs/opt/lib"));
        Files.write(context.resolve("rootfs/opt/lib/log4j-core-2.16.0.jar"), ScanFixtures.log4jCoreJar("2.16.0"));
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY rootfs/ /\n");
        ScanFixtures.build(docker, context, LOCAL, temp.resolve("logs"));
        new ImagePusher(docker).push(new ImageReference(LOCAL), new ImageReference(REMOTE), Optional.empty(), LogSink.discarding());
        ScanFixtures.removeQuietly(docker, REMOTE); // only the registry has it now
    }

    @AfterAll
    static void remove() throws IOException {
        ScanFixtures.removeQuietly(docker, REMOTE);
        ScanFixtures.removeQuietly(docker, LOCAL);
        docker.close();
    }

    @Test
    void pullsARegistryImageThroughTheDaemonAndScansIt() {
        List<String> console = new ArrayList<>();
        ScanResult result = ScanService.run(DockerEndpoint.fromEnvironment(), ScanRequest.forImage(REMOTE).build(), console::add);

        assertThat(console).anyMatch(line -> line.contains("is not on the Docker daemon; pulling it"));
        assertThat(result.vulnerabilities()).extracting(VulnerabilityFinding::id)
                .containsExactlyInAnyOrder("CVE-2021-45105", "CVE-2021-44832");
    }

    @Test
    void anImageThatExistsNowhereIsAClearError() {
        assertThatThrownBy(() -> ScanService.run(DockerEndpoint.fromEnvironment(),
                ScanRequest.forImage("127.0.0.1:5000/mlship-test-scan/absent:" + UUID.randomUUID()).build(), LogSink.discarding()))
                .isInstanceOf(MlshipException.class).hasMessageContaining("is neither on the Docker daemon nor pullable");
    }

    @Test
    void anImageWithoutARegistryHostThatIsNotOnTheDaemonIsNeverPulledFromAPublicRegistry() {
        String bare = "mlship-test-scan/absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        List<String> console = new ArrayList<>();
        assertThatThrownBy(() -> ScanService.run(DockerEndpoint.fromEnvironment(), ScanRequest.builder().image(bare).build(), console::add))
                .isInstanceOf(MlshipException.class).hasMessageContaining(bare + " is not on the Docker daemon")
                .hasMessageContaining("does not pull").hasMessageContaining("--archive");
        assertThat(console).noneMatch(line -> line.contains("pulling"));
    }
}
