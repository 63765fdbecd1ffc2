package io.mlship.core.shadow;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A test-owned Prometheus (Debian's binary, installed by scripts/services) scraping the given targets every second
 * through file_sd_configs, as the demo's Prometheus does; stopped at the end.
 */
public final class ShadowPrometheus implements AutoCloseable {

    private final Process process;
    public final URI url;

    private ShadowPrometheus(Process process, URI url) {
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
        throw new AssertionError(name + " is not installed: `scripts/services start` installs Debian's prometheus package");
    }

    public static ShadowPrometheus scraping(Path folder, String... targets) throws Exception {
        Path targetDir = Files.createDirectories(folder.resolve("targets"));
        StringBuilder list = new StringBuilder();
        for (String target : targets) {
            list.append(list.length() == 0 ? "" : ", ").append('"').append(target).append('"');
        }
        Files.writeString(targetDir.resolve("shadow.json"), "[{\"targets\": [" + list + "]}]\n");
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: mlship-shadow\n"
                + "    file_sd_configs:\n      - files: ['" + targetDir + "/*.json']\n        refresh_interval: 1s\n");
        Path data = Files.createDirectories(folder.resolve("data"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process p = new ProcessBuilder(binary("prometheus").toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + data, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        URI url = URI.create("http://127.0.0.1:" + port);
        ShadowPrometheus prometheus = new ShadowPrometheus(p, url);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("prometheus exited: " + Files.readString(folder.resolve("prometheus.log")));
            }
            try {
                if (http.send(HttpRequest.newBuilder(url.resolve("/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return prometheus;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        prometheus.close();
        throw new AssertionError("prometheus was not ready within 60 s");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
