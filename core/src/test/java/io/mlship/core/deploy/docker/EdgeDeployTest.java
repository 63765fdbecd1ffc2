package io.mlship.core.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.deploy.spec.HttpProbe;
import io.mlship.core.deploy.spec.Resources;
import io.mlship.core.deploy.spec.RolloutPolicy;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.common.MemorySize;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edge on the real daemon: real nginx ({@code mlship/edge:nginx}) in front of the busybox model
 * server. Deploys, a failed (OOM-killed) deploy and a rollback under constant load drop no request; a
 * hanging or killed mirror target changes no live answer; bad input is refused while the live service
 * keeps answering.
 */
class EdgeDeployTest {

    static final String IMAGE = "mlship-test-edge/model:" + UUID.randomUUID().toString().substring(0, 8);
    static DockerClient docker;

    @TempDir
    Path temp;

    final String name = "mlship-test-edge-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> console = Collections.synchronizedList(new ArrayList<>());
    final List<String> extraContainers = new ArrayList<>();

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
        cleanUp(docker, name, extraContainers);
    }

    static void cleanUp(DockerClient docker, String name, List<String> extra) {
        List<String> containers = new ArrayList<>(extra);
        containers.addAll(List.of(name + "-blue", name + "-green", EdgeProxy.edgeName(name), DockerDeployLock.lockName(name)));
        for (String container : containers) {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (NotFoundException gone) {
                // not created by this test
            }
        }
        try {
            docker.removeNetworkCmd(EdgeProxy.networkName(name)).exec();
        } catch (NotFoundException gone) {
            // not created by this test
        }
    }

    DeploySpec spec(String memory, Map<String, String> env) {
        return new DeploySpec(name, "default", new DeployImage(IMAGE), 1, 8080, DeployTarget.DOCKER,
                new Resources(Optional.empty(), Optional.of(MemorySize.parse(memory)), Optional.empty(), Optional.empty()),
                env, List.of(), HttpProbe.readinessDefault(), Optional.empty(),
                RolloutPolicy.defaults().withReadinessWindow(Duration.ofSeconds(30)).withLockTimeout(Duration.ofSeconds(20)),
                List.of(), new DockerHostOptions("127.0.0.1", Optional.empty(), 2), null);
    }

    DeployResult deploy(DeploySpec spec, String run) throws InterruptedException {
        return DeployService.deploy(request(spec, run), console::add);
    }

    DeployRequest request(DeploySpec spec, String run) {
        return new DeployRequest(spec, temp.resolve(run), "test " + run, ClusterConnection.fromKubeconfig(), DockerEndpoint.fromEnvironment());
    }

    String liveContainer() {
        EdgeProxy edge = EdgeProxy.existing(docker, name, "localhost").orElseThrow();
        return edge.current().orElseThrow().live().orElseThrow();
    }

    List<Container> modelContainers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerDeployer.LABEL, name)).exec();
    }

    @Test
    void deployFailedDeployAndRollbackUnderConstantLoadDropNoRequest() throws Exception {
        DeployResult first = deploy(spec("128m", Map.of()), "first");
        assertThat(first.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        URI infer = URI.create(first.url().orElseThrow()).resolve(TestModelImage.INFER_PATH);
        assertThat(first.edge()).contains(EdgeProxy.edgeName(name));
        assertThat(Files.readString(temp.resolve("first").resolve(DeployService.REPORT)))
                .contains("\"url\" : \"" + first.url().get() + "\"").contains("\"edge\" : \"" + name + "-edge\"");
        assertThat(liveContainer()).isEqualTo(name + "-blue");

        long deployFailed;
        long oomFailed;
        long rollbackFailed;
        int answered;
        try (EdgeLoad load = new EdgeLoad(infer, 4)) {
            Thread.sleep(1000);
            long before = load.failed();

            DeployResult second = deploy(spec("96m", Map.of("READY_DELAY_SECONDS", "1")), "second");
            assertThat(second.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
            assertThat(liveContainer()).isEqualTo(name + "-green");
            deployFailed = load.failed() - before;

            DeployResult starved = deploy(spec("24m", Map.of()), "starved");
            assertThat(starved.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(starved.failure().orElseThrow().reason()).isEqualTo(FailureReason.OOM_KILLED);
            assertThat(starved.failure().get().summary()).startsWith("container " + name + "-blue (" + IMAGE + "): OOMKilled, exit code 137");
            assertThat(starved.rollbackNote().orElseThrow()).startsWith("kept " + name + "-green (" + IMAGE + ") serving");
            assertThat(liveContainer()).isEqualTo(name + "-green");
            oomFailed = load.failed() - before - deployFailed;

            // the failed deploy removed the older container, so deploy once more to have something to roll back to
            assertThat(deploy(spec("128m", Map.of()), "third").outcome()).isEqualTo(DeployOutcome.DEPLOYED);
            assertThat(liveContainer()).isEqualTo(name + "-blue");
            long beforeRollback = load.failed();
            DeployResult back = DeployService.rollback(request(spec("128m", Map.of()), "rollback"), console::add);
            assertThat(back.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.ROLLED_BACK);
            assertThat(liveContainer()).isEqualTo(name + "-green");
            rollbackFailed = load.failed() - beforeRollback;
            Thread.sleep(500);
            answered = load.answers().size();
            assertThat(load.failed()).as("failed requests through the edge: " + load.describeFailures()).isZero();
        }
        System.out.printf("edge under load: %d requests, failed during deploy %d, OOM-killed deploy %d, rollback %d%n",
                answered, deployFailed, oomFailed, rollbackFailed);
        assertThat(answered).isGreaterThan(100);
        // the previous container is kept stopped for the next rollback; nothing else is left
        assertThat(modelContainers()).hasSize(2);
        assertThat(docker.inspectContainerCmd(name + "-blue").exec().getState().getRunning()).isFalse();
        assertThat(console).anyMatch(l -> l.contains("drained " + name + "-green"));
    }

    @Test
    void aHangingOrKilledMirrorTargetChangesNoLiveAnswer() throws Exception {
        DeployResult first = deploy(spec("128m", Map.of()), "first");
        assertThat(first.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        URI edge = URI.create(first.url().orElseThrow());
        URI mirrored = edge.resolve(TestModelImage.INFER_PATH);
        URI notMirrored = edge.resolve(TestModelImage.VERSIONED_INFER_PATH);
        // A mirror target that accepts connections (the kernel completes them into a long backlog) and never
        // reads or answers; no process per connection, so the target costs the machine nothing.
        String hang = name + "-hang";
        extraContainers.add(hang);
        docker.createContainerCmd("mlship/base:python").withName(hang)
                .withCmd("python3", "-c", "import socket, time\ns = socket.socket()\ns.bind(('', 9000))\ns.listen(4096)\n"
                        + "print('listening', flush=True)\ntime.sleep(3600)")
                .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withNetworkMode(EdgeProxy.networkName(name)))
                .exec();
        docker.startContainerCmd(hang).exec();
        Thread.sleep(500);
        DockerDeployer deployer = new DockerDeployer(DockerEndpoint.fromEnvironment());

        Alternating plain = alternating(mirrored, notMirrored, 200);
        deployer.mirror(name, Optional.of(EdgeMirror.inference(hang + ":9000", 100, TestModelImage.INFER_PATH)), "test", Duration.ofSeconds(20),
                console::add);
        Alternating hanging = alternating(mirrored, notMirrored, 1000);
        docker.killContainerCmd(hang).exec();
        Alternating killed = alternating(mirrored, notMirrored, 1000);
        deployer.mirror(name, Optional.empty(), "test", Duration.ofSeconds(20), console::add);

        String expected = plain.mirrored().get(0).body();
        for (Alternating run : List.of(plain, hanging, killed)) {
            for (List<EdgeLoad.Answer> answers : List.of(run.mirrored(), run.notMirrored())) {
                assertThat(answers).allSatisfy(a -> {
                    assertThat(a.status()).isEqualTo(200);
                    assertThat(a.body()).isEqualTo(expected); // byte for byte
                });
            }
        }
        System.out.printf("live p50/p99 ms, mirrored path vs not mirrored, interleaved: no mirror %s; hanging mirror %s; killed mirror %s%n",
                plain.describe(), hanging.describe(), killed.describe());
        assertThat(hanging.addedP99Nanos()).as(hanging.describe()).isLessThanOrEqualTo(20_000_000L);
        assertThat(killed.addedP99Nanos()).as(killed.describe()).isLessThanOrEqualTo(20_000_000L);
        assertThat(console).anyMatch(l -> l.contains("copies 100.0% of POST " + TestModelImage.INFER_PATH + "* to " + hang + ":9000"));
    }

    /** Requests to a mirrored and a not mirrored path, one after the other, so machine noise hits both alike. */
    record Alternating(List<EdgeLoad.Answer> mirrored, List<EdgeLoad.Answer> notMirrored) {
        long addedP99Nanos() {
            return EdgeLoad.percentile(mirrored, 99) - EdgeLoad.percentile(notMirrored, 99);
        }

        String describe() {
            return String.format("%.1f/%.1f vs %.1f/%.1f", EdgeLoad.percentile(mirrored, 50) / 1e6, EdgeLoad.percentile(mirrored, 99) / 1e6,
                    EdgeLoad.percentile(notMirrored, 50) / 1e6, EdgeLoad.percentile(notMirrored, 99) / 1e6);
        }
    }

    static Alternating alternating(URI mirrored, URI notMirrored, int pairs) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<EdgeLoad.Answer> a = new ArrayList<>();
        List<EdgeLoad.Answer> b = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            a.add(EdgeLoad.send(http, mirrored));
            b.add(EdgeLoad.send(http, notMirrored));
        }
        return new Alternating(a, b);
    }

    @Test
    void aConfigNginxRejectsIsRefusedAndTheLiveServiceKeepsAnswering() throws Exception {
        DeployResult first = deploy(spec("128m", Map.of()), "first");
        URI infer = URI.create(first.url().orElseThrow()).resolve(TestModelImage.INFER_PATH);
        DockerDeployer deployer = new DockerDeployer(DockerEndpoint.fromEnvironment());

        assertThatThrownBy(() -> deployer.mirror(name, Optional.of(EdgeMirror.inference("no-such-host-" + name + ":9000", 10,
                TestModelImage.INFER_PATH)), "test", Duration.ofSeconds(20), console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("nginx in the edge container " + name + "-edge rejected the new configuration")
                .hasMessageContaining("host not found in upstream")
                .hasMessageContaining("the running configuration was kept");

        assertThat(EdgeLoad.send(HttpClient.newHttpClient(), infer).status()).isEqualTo(200);
        assertThat(EdgeProxy.existing(docker, name, "localhost").orElseThrow().current().orElseThrow().mirror()).isEmpty();
    }

    @Test
    void anEdgeRemovedByHandIsRecreatedInFrontOfTheLiveContainer() throws Exception {
        deploy(spec("128m", Map.of()), "first");
        docker.removeContainerCmd(EdgeProxy.edgeName(name)).withForce(true).exec();

        DeployResult again = deploy(spec("128m", Map.of()), "again");

        assertThat(again.outcome()).as(String.join("\n", console)).isEqualTo(DeployOutcome.DEPLOYED);
        assertThat(console).contains("the edge container " + name + "-edge was missing (removed by hand?); recreating it in front of " + name + "-blue");
        assertThat(liveContainer()).isEqualTo(name + "-green");
        URI infer = URI.create(again.url().orElseThrow()).resolve(TestModelImage.INFER_PATH);
        assertThat(EdgeLoad.send(HttpClient.newHttpClient(), infer).status()).isEqualTo(200);
    }

    @Test
    void aTakenHostPortAndAnInvalidNameAreClearErrors() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            DeploySpec onTakenPort = spec("128m", Map.of()).toBuilder().docker(new DockerHostOptions("127.0.0.1", Optional.of(taken.getLocalPort()), 2)).build();
            assertThatThrownBy(() -> deploy(onTakenPort, "taken"))
                    .isInstanceOf(MlshipException.class)
                    .hasMessageContaining("the edge container " + name + "-edge could not be started")
                    .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + " is already taken on the Docker host");
        }
        assertThat(modelContainers()).isEmpty();
        assertThatThrownBy(() -> docker.inspectContainerCmd(EdgeProxy.edgeName(name)).exec()).isInstanceOf(NotFoundException.class);

        assertThatThrownBy(() -> EdgeSwitch.requireContainerName("bad/name"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("deploy.name `bad/name` is not a valid Docker container name");
    }
}
