package io.mlship.core.diagnose;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test-owned Prometheus: Debian's binaries (installed by scripts/services), series backfilled from an OpenMetrics
 * file with {@code promtool tsdb create-blocks-from openmetrics} into a data folder of the test, the server started
 * on a free port over it and stopped at the end. Public: the shadow's mesh-metrics tests backfill Istio's series with it.
 */
public final class TestPrometheus implements AutoCloseable {

    private final Process process;
    public final URI url;

    private TestPrometheus(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    static Path binary(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " is not installed (not on PATH): `scripts/services start` installs Debian's"
                + " prometheus package, which has prometheus and promtool; run it and this test again");
    }

    /** Backfills {@code openMetrics} into {@code folder}/data and starts a server over it. */
    public static TestPrometheus start(Path folder, Path openMetrics) throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        run(List.of(binary("promtool").toString(), "tsdb", "create-blocks-from", "openmetrics",
                "--max-block-duration=24h", openMetrics.toString(), data.toString()), folder.resolve("promtool.log"));
        return serve(folder, "global:\n  scrape_interval: 15s\n");
    }

    /**
     * A server that scrapes every second the targets listed in {@code folder}/targets/*.json (file_sd_configs, as
     * scripts/services configures the demo's Prometheus).
     */
    static TestPrometheus scraping(Path folder, String target) throws Exception {
        Path targets = Files.createDirectories(folder.resolve("targets"));
        Files.writeString(targets.resolve("exporter.json"), "[{\"targets\": [\"" + target + "\"]}]\n");
        return serve(folder, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: mlship\n    file_sd_configs:\n"
                + "      - files: ['" + targets + "/*.json']\n        refresh_interval: 1s\n");
    }

    private static TestPrometheus serve(Path folder, String configText) throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, configText);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process p = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--storage.tsdb.retention.time=60d",
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        URI url = URI.create("http://127.0.0.1:" + port);
        TestPrometheus prometheus = new TestPrometheus(p, url);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(folder.resolve("prometheus.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return prometheus;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        prometheus.close();
        throw new AssertionError("prometheus was not ready within 60 s: " + Files.readString(folder.resolve("prometheus.log")));
    }

    private static void run(List<String> command, Path log) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    /** OpenMetrics text: one family after another, each sample with its time in seconds, ending with # EOF. */
    public static final class OpenMetrics {
        private final StringBuilder text = new StringBuilder();
        private final List<String> families = new ArrayList<>();

        public OpenMetrics family(String name) {
            families.add(name);
            text.append("# TYPE ").append(name).append(" gauge\n");
            return this;
        }

        public OpenMetrics sample(String name, String labels, double value, long epochSeconds) {
            text.append(name).append('{').append(labels).append("} ").append(value).append(' ').append(epochSeconds).append('\n');
            return this;
        }

        public Path write(Path file) throws IOException {
            return Files.writeString(file, text + "# EOF\n");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
