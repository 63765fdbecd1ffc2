package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.spec.DockerHostOptions;
import io.mlship.core.log.LogSink;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The edge container of one deployed name: nginx from {@code mlship/edge:nginx} (made from Debian
 * packages by {@code scripts/services start}), publishing the service port, on the deploy's private
 * network where the model containers are reached by name. Everything goes through the Docker API —
 * the config is copied into the container, checked and reloaded with exec — so a remote
 * {@code DOCKER_HOST=tcp://...} works the same and nothing runs on the machine that runs mlship. It
 * runs with restart policy {@code unless-stopped} and outlives mlship.
 */
final class EdgeProxy {

    static final String IMAGE = "mlship/edge:nginx";
    /** On the edge container and the private network: the deployed name they belong to. */
    static final String LABEL = "io.mlship.edge";
    static final String CONFIG = "/etc/nginx/nginx.conf";
    private static final Duration RELOAD_CONFIRMATION = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final String edgeName;
    private final String network;
    private final String endpointHost;

    private EdgeProxy(DockerClient docker, String deployName, String endpointHost) {
        this.docker = docker;
        this.edgeName = edgeName(deployName);
        this.network = networkName(deployName);
        this.endpointHost = endpointHost;
    }

    static String edgeName(String deployName) {
        return deployName + "-edge";
    }

    static String networkName(String deployName) {
        return deployName + "-mlship-net";
    }

    String name() {
        return edgeName;
    }

    String network() {
        return network;
    }

    /** The edge as it is, when it exists (mlship rollback does not create one). */
    static Optional<EdgeProxy> existing(DockerClient docker, String deployName, String endpointHost) {
        EdgeProxy edge = new EdgeProxy(docker, deployName, endpointHost);
        return DockerDeployer.inspect(docker, edge.edgeName).map(c -> {
            edge.startIfStopped(c);
            return edge;
        });
    }

    /**
     * The edge of {@code deployName}, created (with its network) when missing and started when stopped.
     * A missing edge while model containers of the name exist means someone removed it: it is recreated,
     * pointing at the running container the labels name, and the console says so.
     */
    static EdgeProxy ensure(DockerClient docker, String deployName, int modelPort, DockerHostOptions options, String endpointHost,
                            LogSink console) {
        EdgeProxy edge = new EdgeProxy(docker, deployName, endpointHost);
        edge.ensureNetwork();
        Optional<InspectContainerResponse> found = DockerDeployer.inspect(docker, edge.edgeName);
        if (found.isPresent()) {
            edge.requireSamePort(found.get(), options);
            edge.startIfStopped(found.get());
            return edge;
        }
        requireImage(docker);
        Optional<String> running = docker.listContainersCmd().withLabelFilter(Map.of(DockerDeployer.LABEL, deployName)).exec().stream()
                .filter(c -> "running".equals(c.getState()))
                .map(c -> c.getNames()[0].replaceFirst("^/", ""))
                .filter(n -> n.startsWith(deployName + "-"))
                .findFirst();
        EdgeConfig first = running.map(r -> EdgeConfig.empty(deployName, modelPort).switchTo(r, modelPort, Optional.empty()))
                .orElse(EdgeConfig.empty(deployName, modelPort));
        if (running.isPresent()) {
            console.line("the edge container " + edge.edgeName + " was missing (removed by hand?); recreating it in front of "
                    + running.get());
        }
        edge.create(options, first);
        console.line("  edge " + edge.edgeName + " (nginx) serves " + edge.url());
        return edge;
    }

    private static void requireImage(DockerClient docker) {
        try {
            docker.inspectImageCmd(IMAGE).exec();
        } catch (NotFoundException e) {
            throw new MlshipException("the edge image " + IMAGE + " is not on the Docker host; build it there with "
                    + "`scripts/services start` (or `scripts/debian-image --tag " + IMAGE + " --packages nginx,curl "
                    + "--cmd '[\"nginx\",\"-g\",\"daemon off;\"]'`): nothing was changed");
        }
    }

    private void ensureNetwork() {
        try {
            docker.inspectNetworkCmd().withNetworkId(network).exec();
        } catch (NotFoundException missing) {
            docker.createNetworkCmd().withName(network).withDriver("bridge").withLabels(Map.of(LABEL, edgeName)).exec();
        }
    }

    private void create(DockerHostOptions options, EdgeConfig first) {
        ExposedPort port = ExposedPort.tcp(EdgeConfig.LISTEN_PORT);
        Ports bindings = new Ports();
        bindings.bind(port, options.hostPort().map(p -> Ports.Binding.bindIpAndPort(options.hostIp(), p))
                .orElse(Ports.Binding.bindIp(options.hostIp())));
        HostConfig host = HostConfig.newHostConfig().withPortBindings(bindings)
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart()).withNetworkMode(network);
        String id = docker.createContainerCmd(IMAGE).withName(edgeName).withLabels(Map.of(LABEL, first.deployName()))
                .withExposedPorts(port).withHostConfig(host).exec().getId();
        try {
            put(id, "nginx.conf", first.render());
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            DockerDeployer.remove(docker, id);
            String where = options.hostIp() + ":" + options.hostPort().map(String::valueOf).orElse("(any)");
            String message = String.valueOf(e.getMessage());
            String why = message.contains("already allocated") || message.contains("address already in use")
                    ? "the port " + where + " is already taken on the Docker host; free it or choose another deploy.docker.hostPort"
                    : message;
            throw new MlshipException("the edge container " + edgeName + " could not be started: " + why
                    + "; the edge was removed again, nothing else was changed", e);
        }
        awaitGeneration(first.generation());
    }

    /** Moving the service port would cut every client off: refused, with how to do it on purpose. */
    private void requireSamePort(InspectContainerResponse edge, DockerHostOptions options) {
        if (options.hostPort().isEmpty()) {
            return;
        }
        Ports.Binding[] bound = edge.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(EdgeConfig.LISTEN_PORT));
        String published = bound == null || bound.length == 0 ? "(none)" : bound[0].getHostIp() + ":" + bound[0].getHostPortSpec();
        String wanted = options.hostIp() + ":" + options.hostPort().get();
        if (!published.equals(wanted)) {
            throw new MlshipException("the edge container " + edgeName + " publishes " + published + " but deploy.docker asks for " + wanted
                    + "; moving the service port cuts every client off, so mlship does not do it during a deploy: remove the edge "
                    + "(`docker rm -f " + edgeName + "`) and deploy again to recreate it on the new port; nothing was changed");
        }
    }

    private void startIfStopped(InspectContainerResponse edge) {
        if (!Boolean.TRUE.equals(edge.getState().getRunning())) {
            docker.startContainerCmd(edge.getId()).exec();
        }
    }

    /** The config the edge runs now (its header says which container is live). */
    Optional<EdgeConfig> current() {
        Exec cat = exec("cat", CONFIG);
        return cat.exitCode() == 0 ? EdgeConfig.parse(cat.output()) : Optional.empty();
    }

    /**
     * Applies a new config gracefully: it is copied beside the running one, checked with {@code nginx -t},
     * then put in place and {@code nginx -s reload}ed (old workers finish their requests); the reload is
     * confirmed by the edge answering the new generation. A config nginx rejects never replaces the running
     * one: the error says what nginx said, and the edge keeps serving as before.
     */
    void apply(EdgeConfig next) {
        put(null, "nginx.conf.next", next.render());
        Exec test = exec("nginx", "-t", "-q", "-c", CONFIG + ".next");
        if (test.exitCode() != 0) {
            exec("rm", "-f", CONFIG + ".next");
            throw new MlshipException("nginx in the edge container " + edgeName + " rejected the new configuration: "
                    + test.output().strip() + "; the running configuration was kept and the edge keeps serving as before");
        }
        Exec swap = exec("sh", "-c", "cp " + CONFIG + " " + CONFIG + ".previous && mv " + CONFIG + ".next " + CONFIG + " && nginx -s reload");
        if (swap.exitCode() != 0 || !awaitGeneration(next.generation())) {
            exec("sh", "-c", "cp " + CONFIG + ".previous " + CONFIG + " && nginx -s reload");
            throw new MlshipException("the edge container " + edgeName + " did not take the new configuration (generation "
                    + next.generation() + "): " + swap.output().strip() + "; the previous configuration was put back");
        }
    }

    /** Waits until the edge answers with this generation (new workers are serving). */
    private boolean awaitGeneration(long generation) {
        Instant end = Instant.now().plus(RELOAD_CONFIRMATION);
        String want = "generation " + generation + " ";
        while (Instant.now().isBefore(end)) {
            Exec status = exec("curl", "-s", "--max-time", "1", "http://127.0.0.1:" + EdgeConfig.LISTEN_PORT + EdgeConfig.STATUS_PATH);
            if (status.exitCode() == 0 && status.output().startsWith(want)) {
                return true;
            }
            sleep(50);
        }
        return false;
    }

    /** One readiness check of a model container, from inside the edge (the model publishes no host port). */
    String probe(String container, int port, String path) {
        Exec curl = exec("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--connect-timeout", "1", "--max-time", "2",
                "http://" + container + ":" + port + path);
        return curl.exitCode() == 0 ? "HTTP " + curl.output().strip() : "connection failed (curl exit " + curl.exitCode() + ")";
    }

    /**
     * nginx workers of an earlier config still finishing their requests after a reload (their process title
     * says "worker process is shutting down"; the bracket keeps this grep's own command line from matching).
     */
    int workersShuttingDown() {
        Exec grep = exec("sh", "-c", "grep -las 'shutting [d]own' /proc/[0-9]*/cmdline | wc -l");
        return grep.exitCode() == 0 ? Integer.parseInt(grep.output().strip()) : 0;
    }

    /** Open TCP connections from the edge to {@code ip:port} (ESTABLISHED in the edge's /proc/net/tcp). */
    int connectionsTo(String ip, int port) {
        Exec tcp = exec("cat", "/proc/net/tcp");
        if (tcp.exitCode() != 0) {
            return 0;
        }
        String[] octets = ip.split("\\.");
        String remote = String.format("%02X%02X%02X%02X:%04X", Integer.parseInt(octets[3]), Integer.parseInt(octets[2]),
                Integer.parseInt(octets[1]), Integer.parseInt(octets[0]), port);
        int open = 0;
        for (String line : tcp.output().lines().skip(1).toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 3 && f[2].equalsIgnoreCase(remote) && "01".equals(f[3])) {
                open++;
            }
        }
        return open;
    }

    /** The address users call: the published port, on the Docker host's address when bound to all interfaces. */
    String url() {
        InspectContainerResponse edge = docker.inspectContainerCmd(edgeName).exec();
        Ports.Binding[] bound = edge.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(EdgeConfig.LISTEN_PORT));
        if (bound == null || bound.length == 0) {
            throw new MlshipException("Docker did not publish the port of the edge container " + edgeName);
        }
        String ip = bound[0].getHostIp();
        String host = ip == null || ip.isEmpty() || "0.0.0.0".equals(ip) || "::".equals(ip) ? endpointHost : ip;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound[0].getHostPortSpec() + "/";
    }

    /** The address of a container on the deploy's network. */
    Optional<String> ipOf(String container) {
        return DockerDeployer.inspect(docker, container)
                .map(c -> c.getNetworkSettings().getNetworks().get(network))
                .map(ContainerNetwork::getIpAddress)
                .filter(ip -> !ip.isEmpty());
    }

    /** The host name of the Docker endpoint, for a URL of a port published on all interfaces. */
    static String endpointHost(String dockerHost) {
        if (dockerHost.startsWith("tcp://") || dockerHost.startsWith("http://") || dockerHost.startsWith("https://")) {
            String host = URI.create(dockerHost.replaceFirst("^tcp://", "http://")).getHost();
            return host == null ? "localhost" : host;
        }
        return "localhost";
    }

    record Exec(int exitCode, String output) {
    }

    Exec exec(String... command) {
        String id = docker.execCreateCmd(edgeName).withCmd(command).withAttachStdout(true).withAttachStderr(true).exec().getId();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultCallback.Adapter<Frame> done = docker.execStartCmd(id).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    out.writeBytes(frame.getPayload());
                }
            }
        })) {
            if (!done.awaitCompletion(30, TimeUnit.SECONDS)) {
                throw new MlshipException("`" + String.join(" ", command) + "` in the edge container " + edgeName + " did not finish in 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while running `" + command[0] + "` in the edge container " + edgeName, e);
        }
        Long code = docker.inspectExecCmd(id).exec().getExitCodeLong();
        synchronized (out) {
            return new Exec(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8));
        }
    }

    /** Copies one file into /etc/nginx of the edge (the archive API: works for a created, not yet started container too). */
    private void put(String containerId, String fileName, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
            TarArchiveEntry entry = new TarArchiveEntry(fileName);
            entry.setSize(bytes.length);
            entry.setMode(0644);
            out.putArchiveEntry(entry);
            out.write(bytes);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        docker.copyArchiveToContainerCmd(containerId != null ? containerId : edgeName).withRemotePath("/etc/nginx")
                .withTarInputStream(new ByteArrayInputStream(tar.toByteArray())).exec();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while waiting for the edge", e);
        }
    }

    /** For the report: the edge container and its network. */
    List<String> describe() {
        return List.of(edgeName, network);
    }
}
