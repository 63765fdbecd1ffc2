package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Statistics;
import com.sun.net.httpserver.HttpServer;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves the running containers of a Docker host to Prometheus under cAdvisor's metric names and labels
 * ({@code name} = container name), so that the history queries of a diagnosis are the same on a Docker host as on
 * Kubernetes. It keeps one stats stream open per running container (the daemon sends a sample a second) and renders
 * the latest sample of each on a scrape, so a scrape costs no round trip to the daemon.
 */
public final class DockerStatsExporter implements AutoCloseable {

    /** How often the list of running containers is refreshed. */
    private static final long REFRESH_SECONDS = 5;

    private final DockerClient docker;
    private final LogSink sink;
    private final HttpServer server;
    private final ScheduledExecutorService refresher;
    private final java.util.concurrent.ExecutorService httpThreads;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();

    private record Followed(String name, String image, long memoryLimit, ResultCallback.Adapter<Statistics> stream,
                            java.util.concurrent.atomic.AtomicReference<Statistics> latest) {
    }

    private DockerStatsExporter(DockerClient docker, InetSocketAddress listen, LogSink sink) throws IOException {
        this.docker = docker;
        this.sink = sink;
        this.server = HttpServer.create(listen, 16);
        server.createContext("/metrics", exchange -> {
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        httpThreads = Executors.newFixedThreadPool(2, r -> daemon(r, "mlship-exporter-http"));
        server.setExecutor(httpThreads);
        refresher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "mlship-exporter-refresh"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @throws MlshipException when the address is taken or not valid */
    public static DockerStatsExporter start(DockerClient docker, InetSocketAddress listen, LogSink sink) {
        DockerStatsExporter exporter;
        try {
            exporter = new DockerStatsExporter(docker, listen, sink);
        } catch (IOException e) {
            throw new MlshipException("the exporter cannot listen on " + listen + " (" + e.getMessage()
                    + "); choose a free address with --listen, like 127.0.0.1:9338", e);
        }
        exporter.refresh();
        exporter.refresher.scheduleWithFixedDelay(exporter::refresh, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
        exporter.server.start();
        sink.line("exporter: serving cAdvisor metrics of the Docker host's containers at http://"
                + exporter.address().getHostString() + ":" + exporter.address().getPort() + "/metrics");
        return exporter;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Parses {@code host:port} for --listen. */
    public static InetSocketAddress parseListen(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        try {
            return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new MlshipException("--listen `" + text + "` is not host:port; write it like 127.0.0.1:9338");
        }
    }

    private void refresh() {
        try {
            List<Container> running = docker.listContainersCmd().exec();
            Set<String> ids = new HashSet<>();
            for (Container c : running) {
                ids.add(c.getId());
                try {
                    followed.computeIfAbsent(c.getId(), this::follow);
                } catch (RuntimeException gone) {
                    // removed between the list and the inspect: the next refresh will not list it
                }
            }
            followed.keySet().removeIf(id -> {
                if (ids.contains(id)) {
                    return false;
                }
                closeQuietly(followed.get(id));
                return true;
            });
        } catch (RuntimeException e) {
            sink.line("exporter: cannot list the containers: " + e.getMessage());
        }
    }

    private Followed follow(String id) {
        InspectContainerResponse inspect = docker.inspectContainerCmd(id).exec();
        String name = inspect.getName().startsWith("/") ? inspect.getName().substring(1) : inspect.getName();
        long limit = inspect.getHostConfig() == null || inspect.getHostConfig().getMemory() == null ? 0 : inspect.getHostConfig().getMemory();
        var latest = new java.util.concurrent.atomic.AtomicReference<Statistics>();
        ResultCallback.Adapter<Statistics> stream = docker.statsCmd(id).withNoStream(false).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics s) {
                if (s.getMemoryStats() != null && s.getMemoryStats().getUsage() != null) {
                    latest.set(s);
                }
            }
        });
        return new Followed(name, inspect.getConfig().getImage(), limit, stream, latest);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        metric(out, "container_memory_working_set_bytes", "gauge", "Working set: usage minus inactive file pages.",
                (f, s) -> (double) StatsSample.workingSet(s.getMemoryStats()));
        metric(out, "container_memory_usage_bytes", "gauge", "Memory usage including page cache.",
                (f, s) -> (double) s.getMemoryStats().getUsage());
        metric(out, "container_spec_memory_limit_bytes", "gauge", "Memory limit (0: none).", (f, s) -> (double) f.memoryLimit());
        metric(out, "container_cpu_usage_seconds_total", "counter", "CPU time consumed.",
                (f, s) -> s.getCpuStats() == null || s.getCpuStats().getCpuUsage() == null ? null
                        : s.getCpuStats().getCpuUsage().getTotalUsage() / 1e9);
        metric(out, "container_cpu_cfs_periods_total", "counter", "Elapsed CFS periods (only under a CPU limit).",
                (f, s) -> throttling(s, 0));
        metric(out, "container_cpu_cfs_throttled_periods_total", "counter", "Throttled CFS periods.", (f, s) -> throttling(s, 1));
        metric(out, "container_cpu_cfs_throttled_seconds_total", "counter", "Time throttled.", (f, s) -> throttling(s, 2));
        return out.toString();
    }

    private static Double throttling(Statistics s, int which) {
        if (s.getCpuStats() == null || s.getCpuStats().getThrottlingData() == null || s.getCpuStats().getThrottlingData().getPeriods() == null
                || s.getCpuStats().getThrottlingData().getPeriods() == 0) {
            return null; // no CPU limit: cAdvisor has no CFS series then either
        }
        var t = s.getCpuStats().getThrottlingData();
        return switch (which) {
            case 0 -> (double) t.getPeriods();
            case 1 -> (double) t.getThrottledPeriods();
            default -> t.getThrottledTime() / 1e9;
        };
    }

    private interface Value {
        Double of(Followed f, Statistics s);
    }

    private void metric(StringBuilder out, String name, String type, String help, Value value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        followed.forEach((id, f) -> {
            Statistics s = f.latest().get();
            Double v = s == null ? null : value.of(f, s);
            if (v != null) {
                out.append(name).append("{id=\"/docker/").append(id).append("\",image=\"").append(escape(f.image()))
                        .append("\",name=\"").append(escape(f.name())).append("\"} ")
                        .append(number(v)).append('\n');
            }
        });
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void closeQuietly(Followed f) {
        if (f != null) {
            try {
                f.stream().close();
            } catch (IOException ignored) {
                // the stream ends with its container
            }
        }
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        server.stop(0);
        httpThreads.shutdownNow();
        followed.values().forEach(DockerStatsExporter::closeQuietly);
        followed.clear();
    }
}
