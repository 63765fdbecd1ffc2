package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI jar is copied to the agent once per version and reused while its digest matches. */
class CliJarTest {

    static final byte[] CONTENT = "not really a jar".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path agent;

    final AtomicInteger opened = new AtomicInteger();
    final CliJar jar = new CliJar("ab12", LocalAgentPath.md5(CONTENT), () -> {
        opened.incrementAndGet();
        return new ByteArrayInputStream(CONTENT);
    });

    @Test
    void copiesOnceThenReuses() throws Exception {
        AgentPath first = jar.install(new LocalAgentPath(agent), "agent");
        AgentPath second = jar.install(new LocalAgentPath(agent), "agent");

        assertThat(first.path()).isEqualTo(agent.resolve("mlship/ab12/mlship.jar").toString());
        assertThat(second.path()).isEqualTo(first.path());
        assertThat(opened).hasValue(1);
        try (Stream<Path> files = Files.list(agent.resolve("mlship/ab12"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("mlship.jar");
        }
    }

    @Test
    void aDamagedCopyIsReplaced() throws Exception {
        jar.install(new LocalAgentPath(agent), "agent");
        Files.writeString(agent.resolve("mlship/ab12/mlship.jar"), "cut sh");

        jar.install(new LocalAgentPath(agent), "agent");

        assertThat(agent.resolve("mlship/ab12/mlship.jar")).hasBinaryContent(CONTENT);
        assertThat(opened).hasValue(2);
    }

    @Test
    void theBundledJarCarriesItsDigests() throws Exception {
        // Present once the build has put the CLI jar into target/classes (prepare-package); the IT uses it for real.
        if (CliJar.class.getResource(CliJar.RESOURCE) != null) {
            assertThat(CliJar.bundled().sha256()).matches("[0-9a-f]{64}");
        }
    }
}
