package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.mlship.core.deploy.ClusterConnection;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.service.DeployService;
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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * bench/edge.sh: failed requests under constant load during a deploy, an OOM-killed deploy and a rollback
 * through the edge, beside the same load against the pre-edge stop-and-start (the old DockerDeployer's
 * steps: stop the running container, start the new one on the same host port, wait for readiness), and
 * the addresses for the latency comparison (edge vs the container directly), which the script measures
 * with wrk. Prints "key value" lines.
 */
public final class EdgeBench {

    private EdgeBench() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args.length > 0 ? args[0] : "4");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "mlship-bench-edge-" + suffix;
        String image = "mlship-bench-edge/model:" + suffix;
        Path work = Files.createTempDirectory("mlship-edge-bench");
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            TestModelImage.build(docker, image, work);
            try {
                edge(docker, name, image, work, threads);
                stopAndStart(docker, name + "-old", image, threads);
            } finally {
                EdgeDeployTest.cleanUp(docker, name, List.of(name + "-old", name + "-old-previous"));
                docker.removeImageCmd(image).withForce(true).exec();
            }
        }
    }

    static DeploySpec spec(String name, String image, String memory) {
        return new DeploySpec(name, "default", new DeployImage(image), 1, 8080, DeployTarget.DOCKER,
                new Resources(Optional.empty(), Optional.of(MemorySize.parse(memory)), Optional.empty(), Optional.empty()),
                Map.of(), List.of(), HttpProbe.readinessDefault(), Optional.empty(),
                RolloutPolicy.defaults().withReadinessWindow(Duration.ofSeconds(60)).withLockTimeout(Duration.ofSeconds(60)),
                List.of(), new DockerHostOptions("127.0.0.1", Optional.empty(), 2), null);
    }

    private static DeployResult run(DeploySpec spec, Path logs, boolean rollback) throws InterruptedException {
        DeployRequest request = new DeployRequest(spec, logs, "bench", ClusterConnection.fromKubeconfig(), DockerEndpoint.fromEnvironment());
        return rollback ? DeployService.rollback(request, line -> { }) : DeployService.deploy(request, line -> { });
    }

    private static void edge(DockerClient docker, String name, String image, Path work, int threads) throws Exception {
        DeployResult first = run(spec(name, image, "128m"), work.resolve("first"), false);
        require(first.outcome() == DeployOutcome.DEPLOYED, "first deploy: " + first.outcome());
        URI infer = URI.create(first.url().orElseThrow()).resolve(TestModelImage.INFER_PATH);
        try (EdgeLoad load = new EdgeLoad(infer, threads)) {
            Thread.sleep(1000);
            long mark = load.failed();
            int count = load.answers().size();
            require(run(spec(name, image, "96m"), work.resolve("deploy"), false).outcome() == DeployOutcome.DEPLOYED, "deploy");
            phase("edge.deploy", load, mark, count);
            mark = load.failed();
            count = load.answers().size();
            require(run(spec(name, image, "24m"), work.resolve("oom"), false).outcome() == DeployOutcome.ROLLED_BACK, "oom deploy");
            phase("edge.oom_deploy", load, mark, count);
            require(run(spec(name, image, "128m"), work.resolve("again"), false).outcome() == DeployOutcome.DEPLOYED, "deploy again");
            mark = load.failed();
            count = load.answers().size();
            require(run(spec(name, image, "128m"), work.resolve("rollback"), true).outcome() == DeployOutcome.ROLLED_BACK, "rollback");
            phase("edge.rollback", load, mark, count);
            System.out.println("edge.failing_ms " + load.failingMillis());
        }
        String live = EdgeProxy.existing(docker, name, "localhost").orElseThrow().current().orElseThrow().live().orElseThrow();
        InspectContainerResponse model = docker.inspectContainerCmd(live).exec();
        String ip = model.getNetworkSettings().getNetworks().get(EdgeProxy.networkName(name)).getIpAddress();
        System.out.println("url.edge " + infer);
        System.out.println("url.direct http://" + ip + ":8080" + TestModelImage.INFER_PATH);
        System.out.println("edge.container " + EdgeProxy.edgeName(name));
        System.out.println("model.container " + live);
        System.out.flush();
        // the script measures latency with wrk now, then closes stdin to let this process clean up
        System.in.read();
    }

    /** The pre-edge deploy, step for step as DockerDeployer did it before the edge, under the same load on the host port. */
    private static void stopAndStart(DockerClient docker, String name, String image, int threads) throws Exception {
        String first = startPublished(docker, name, image, Optional.empty());
        int port = Integer.parseInt(docker.inspectContainerCmd(first).exec().getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(8080))[0].getHostPortSpec());
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitReady(base);
        try (EdgeLoad load = new EdgeLoad(base.resolve(TestModelImage.INFER_PATH), threads)) {
            Thread.sleep(1000);
            long mark = load.failed();
            int count = load.answers().size();
            docker.stopContainerCmd(first).withTimeout(10).exec();
            docker.renameContainerCmd(first).withName(name + "-previous").exec();
            startPublished(docker, name, image, Optional.of(port));
            awaitReady(base);
            phase("stop_and_start.deploy", load, mark, count);
            System.out.println("stop_and_start.deploy.failing_ms " + load.failingMillis());
        }
    }

    private static String startPublished(DockerClient docker, String name, String image, Optional<Integer> port) {
        Ports bindings = new Ports();
        bindings.bind(ExposedPort.tcp(8080), port.map(p -> Ports.Binding.bindIpAndPort("127.0.0.1", p)).orElse(Ports.Binding.bindIp("127.0.0.1")));
        String id = docker.createContainerCmd(image).withName(name).withExposedPorts(ExposedPort.tcp(8080))
                .withLabels(Map.of(DockerDeployer.LABEL, name))
                .withHostConfig(HostConfig.newHostConfig().withPortBindings(bindings).withMemory(128L << 20)).exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private static void awaitReady(URI base) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/v2/health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not ready: " + base);
    }

    private static void phase(String key, EdgeLoad load, long failedBefore, int countBefore) {
        System.out.println(key + ".requests " + (load.answers().size() - countBefore));
        System.out.println(key + ".failed " + (load.failed() - failedBefore));
        System.out.flush();
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench step failed: " + what);
        }
    }
}
