package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of the real CLI (a child JVM) at each step of a docker deploy and of a verify: the next run
 * must not wait on the dead process, and must leave a consistent, serving state and no orphan container.
 */
class KillRecoveryFaultTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String GOOD = "mlship-test-kill/good:" + SUFFIX;
    static final String SLOW = "mlship-test-kill/slow:" + SUFFIX;
    static DockerClient docker;

    @TempDir
    Path project;

    final String name = "mlship-test-kill-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void buildImages(@TempDir Path temp) throws Exception {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
        // The shell traps TERM so that `docker stop` is quick; the good one answers /ready at once, the slow one never.
        build(temp.resolve("good"), GOOD, "RUN mkdir -p /www && echo ok > /www/ready\n"
                + "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; httpd -f -p 8080 -h /www & wait\"]\n");
        build(temp.resolve("slow"), SLOW, "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; echo slow-server-starting; sleep 3600 & wait\"]\n");
    }

    private static void build(Path context, String image, String body) throws Exception {
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nEXPOSE 8080\n" + body);
        new ImageBuilder(docker).build(ImageBuildRequest.of(context, image, context.resolve("logs")), LogSink.discarding());
    }

    @AfterAll
    static void removeImages() throws Exception {
        for (String image : List.of(GOOD, SLOW)) {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (NotFoundException gone) {
                // never built
            }
        }
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (String container : List.of(name + "-blue", name + "-green", name + "-edge", name + "-mlship-lock")) {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (NotFoundException gone) {
                // not created by this test
            }
        }
        try {
            docker.removeNetworkCmd(name + "-mlship-net").exec();
        } catch (NotFoundException gone) {
            // not created by this test
        }
    }

    private void project(String image) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: kill\nimage: {port: 8080}\ndeploy:\n  image: " + image
                + "\n  target: docker\n  name: " + name + "\n  probes: {readiness: {path: /ready}}\n"
                + "  docker: {hostIp: 127.0.0.1, restartRetries: 0}\n  rollout: {readinessWindowSeconds: 60}\n");
    }

    private CliRun deploy(String image, String logs) throws Exception {
        project(image);
        return CliRun.of("deploy", "--project", project.toString(), "--log-dir", project.resolve(logs).toString());
    }

    /** Runs the CLI in its own JVM and kills it (SIGKILL) as soon as its output shows the step. */
    static List<String> killAt(String step, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        CountDownLatch reached = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (seen) {
                        seen.add(line);
                    }
                    if (line.contains(step)) {
                        reached.countDown();
                    }
                }
            } catch (java.io.IOException closed) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        boolean atStep = reached.await(90, TimeUnit.SECONDS);
        cli.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).isTrue();
        synchronized (seen) {
            assertThat(atStep).as("the CLI never reached `" + step + "`: " + seen).isTrue();
            return List.copyOf(seen);
        }
    }

    private Optional<InspectContainerResponse> inspect(String container) {
        try {
            return Optional.of(docker.inspectContainerCmd(container).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** The edge's live container (blue or green) runs {@code image}, no container of the killed run's image runs, the lock is free. */
    private void assertServes(String image) {
        List<com.github.dockerjava.api.model.Container> running = docker.listContainersCmd()
                .withLabelFilter(Map.of("io.mlship.deploy", name)).exec();
        assertThat(running).extracting(c -> c.getImage()).as("running containers of " + name).contains(image).doesNotContain(SLOW);
        assertThat(inspect(name + "-edge").map(c -> c.getState().getRunning())).as("the edge serves").contains(true);
        assertThat(inspect(name + "-mlship-lock")).as("lock released").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploying ", "created container "})
    void aDeployKilledAtAnyStepDoesNotBlockTheNextOneWhichEndsServing(String step) throws Exception {
        CliRun first = deploy(GOOD, "first");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        project(SLOW);

        List<String> killed = killAt(step, "deploy", "--project", project.toString(), "--log-dir", project.resolve("killed").toString());
        assertThat(inspect(name + "-mlship-lock")).as("the killed run left its lock: " + killed).isPresent();

        Instant start = Instant.now();
        CliRun next = deploy(GOOD, "next");
        assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
        assertThat(Duration.between(start, Instant.now())).as("no wait on the dead process").isLessThan(Duration.ofSeconds(60));
        assertThat(next.out()).contains("is gone: breaking the stale lock").contains("== docker " + name + ": DEPLOYED");
        assertServes(GOOD);
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of("io.mlship.deploy", name)).exec())
                .extracting(c -> c.getImage()).as("the unready container of the killed deploy is gone").doesNotContain(SLOW);
    }

    @Test
    void aRollbackAfterAKilledDeployLeavesTheGoodContainerServing() throws Exception {
        CliRun first = deploy(GOOD, "first");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        project(SLOW);

        killAt("created container ", "deploy", "--project", project.toString(), "--log-dir", project.resolve("killed").toString());

        // Blue/green: the killed deploy never switched the edge, so there is nothing newer to roll back from;
        // the rollback breaks the dead run's lock, removes its candidate, and the edge keeps serving the good one.
        CliRun rollback = CliRun.of("rollback", "--project", project.toString(), "--log-dir", project.resolve("rollback").toString());
        assertThat(rollback.out() + rollback.err()).contains("breaking the stale lock");
        assertServes(GOOD);
    }

    @Test
    void aFirstDeployKilledBeforeReadinessLeavesNothingServingHalfDone() throws Exception {
        project(SLOW);
        killAt("created container ", "deploy", "--project", project.toString(), "--log-dir", project.resolve("killed").toString());
        assertThat(inspect(name + "-blue")).as("the unready container outlived its deploy").isPresent();

        CliRun next = deploy(GOOD, "next");
        assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
        assertThat(next.out()).contains("recovering: removed " + name + "-blue, left behind by an interrupted deploy");
        assertServes(GOOD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"== verify", "slow-server-starting"})
    void aVerifyKilledAtAnyStepLeavesNoContainerAfterTheNextRun(String step) throws Exception {
        Path logs = project.resolve("verify-killed");
        killAt(step, "verify", "--image", SLOW, "--memory", "64m", "--port", "8080", "--ready-path", "/ready",
                "--ready-timeout", "60", "--no-measure", "--log-dir", logs.toString());
        List<Container> orphans = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ProcessOwner.ROLE_LABEL, "verify")).exec().stream()
                .filter(c -> ProcessOwner.isDead(c.getLabels().get(ProcessOwner.LABEL))).toList();
        if (step.startsWith("slow")) {
            assertThat(orphans).as("the killed verify left its container").isNotEmpty();
        }

        CliRun next = CliRun.of("verify", "--image", GOOD, "--memory", "64m", "--port", "8080", "--ready-path", "/ready",
                "--ready-timeout", "30", "--no-measure", "--log-dir", project.resolve("verify-next").toString());
        assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
        for (Container orphan : orphans) {
            assertThat(next.out()).contains("removed container " + orphan.getNames()[0].substring(1) + " left behind by a killed mlship run");
            assertThat(inspect(orphan.getId())).isEmpty();
        }
    }
}
