package io.mlship.core.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.deploy.DeployOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;

/**
 * SIGKILL of the deploying process while the new container is starting: the old container keeps
 * serving through the edge (under load, no failed request), and the next deploy and rollback recover
 * from the state the edge and the container labels record.
 */
class EdgeKillRecoveryTest {

    static final String IMAGE = "mlship-test-edge-kill/model:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    Path temp;

    final String name = "mlship-test-kill-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void buildModelImage(@TempDir Path work) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        TestModelImage.build(docker, IMAGE, work);
    }

    @AfterAll
    static void removeImage() throws Exception {
        docker.removeImageCmd(IMAGE).withForce(true).exec();
        docker.close();
    }

    @AfterEach
    void removeEverything() {
        EdgeDeployTest.cleanUp(docker, name, List.of());
    }

    /** Runs a deploy in a child JVM; returns it once {@code waitFor} appeared on its console (or it ended). */
    Process child(String run, String readyDelay, String waitFor, List<String> lines) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EdgeDeployChild.class.getName(),
                name, IMAGE, temp.resolve(run).toString(), readyDelay)
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            if (line.contains(waitFor)) {
                break;
            }
        }
        Thread reader = new Thread(() -> {
            try {
                String more;
                while ((more = out.readLine()) != null) {
                    lines.add(more);
                }
            } catch (Exception ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    @Test
    void aDeployKilledMidWayLeavesTheOldContainerServingAndTheNextDeployAndRollbackRecover() throws Exception {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Process first = child("first", "0", "outcome ", lines);
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(lines).as(String.join("\n", lines)).contains("outcome DEPLOYED");
        EdgeProxy edge = EdgeProxy.existing(docker, name, "localhost").orElseThrow();
        URI infer = URI.create(edge.url()).resolve(TestModelImage.INFER_PATH);

        List<String> killedLines = Collections.synchronizedList(new ArrayList<>());
        long failedWhileKilled;
        try (EdgeLoad load = new EdgeLoad(infer, 2)) {
            Process killed = child("killed", "20", "created container " + name + "-green", killedLines);
            Thread.sleep(1500); // the new container runs and is being watched
            killed.destroyForcibly(); // SIGKILL on Linux: no finally block, no shutdown hook runs
            assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(killed.exitValue()).isEqualTo(137);
            Thread.sleep(1500);
            assertThat(edge.current().orElseThrow().live()).contains(name + "-blue");
            failedWhileKilled = load.failed();
            assertThat(load.failed()).as(load.describeFailures()).isZero();
            assertThat(load.answers()).hasSizeGreaterThan(10);
        }
        // The killed deploy's lock stays behind (its owner cannot release it); the next deploy sees its owner is
        // gone and breaks it at once (DockerDeployLock's owner liveness), no hand needed.
        assertThat(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(DockerDeployLock.lockName(name))).exec()).hasSize(1);

        List<String> nextLines = Collections.synchronizedList(new ArrayList<>());
        Process next = child("next", "0", "outcome ", nextLines);
        assertThat(next.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(nextLines).as(String.join("\n", nextLines)).contains("outcome DEPLOYED")
                .anyMatch(l -> l.contains("breaking the stale lock"))
                .anyMatch(l -> l.contains("recovering: removed " + name + "-green, left behind by an interrupted deploy"));
        assertThat(edge.current().orElseThrow().live()).contains(name + "-green");
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, name)).exec()).hasSize(2);
        System.out.printf("SIGKILL mid-deploy: %d failed requests through the edge%n", failedWhileKilled);
    }
}
