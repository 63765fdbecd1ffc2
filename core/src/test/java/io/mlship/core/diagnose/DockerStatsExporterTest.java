package io.mlship.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.common.MemorySize;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter serves a real container's stats under cAdvisor's names; a real Prometheus scrapes it through
 * file_sd_configs, and the diagnosis' history queries (the same as on Kubernetes) find the container by name.
 */
class DockerStatsExporterTest {

    @TempDir
    Path folder;

    @Test
    void aContainerIsServedUnderCadvisorNamesAndPrometheusHistoryFindsIt() throws Exception {
        String name = "mlship-diag-exp-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
             DockerStatsExporter exporter = DockerStatsExporter.start(docker, new InetSocketAddress("127.0.0.1", 0), line -> { })) {
            docker.createContainerCmd("mlship/base:busybox").withName(name)
                    .withHostConfig(HostConfig.newHostConfig().withMemory(MemorySize.ofMebibytes(64).bytes()).withNanoCPUs(500_000_000L))
                    .withCmd("sh", "-c", "dd if=/dev/zero bs=8M count=1 | sleep 300").exec();
            try {
                docker.startContainerCmd(name).exec();
                String target = "127.0.0.1:" + exporter.address().getPort();
                String metrics = awaitMetrics(target, name);
                assertThat(metrics).containsPattern("container_spec_memory_limit_bytes\\{id=\"/docker/[0-9a-f]{64}\",image=\"mlship/base:busybox\",name=\""
                        + name + "\"} " + MemorySize.ofMebibytes(64).bytes());
                assertThat(metrics).containsPattern("container_memory_working_set_bytes\\{[^}]*name=\"" + name + "\"} [1-9]");
                assertThat(metrics).containsPattern("container_cpu_cfs_periods_total\\{[^}]*name=\"" + name + "\"} ");

                try (TestPrometheus prometheus = TestPrometheus.scraping(folder, target)) {
                    Diagnosis d = awaitHistory(docker, prometheus.url, name);
                    assertThat(d.queries()).filteredOn(q -> q.name().equals("max working set")).singleElement()
                            .satisfies(q -> assertThat(q.value().orElseThrow()).isGreaterThan(MemorySize.ofMebibytes(8).bytes()));
                    assertThat(d.queries()).filteredOn(q -> q.name().equals("memory limit")).singleElement()
                            .satisfies(q -> assertThat(q.value()).contains((double) MemorySize.ofMebibytes(64).bytes()));
                    // seconds of history: KRR's rule says not enough, and so does the diagnosis
                    assertThat(d.recommendation().memoryStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
                }
            } finally {
                docker.removeContainerCmd(name).withForce(true).exec();
            }
        }
    }

    private static String awaitMetrics(String target, String name) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = http.send(HttpRequest.newBuilder(URI.create("http://" + target + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("container_memory_working_set_bytes{") && body.contains("name=\"" + name + "\"")) {
                return body;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the exporter never served " + name + ":\n" + body);
    }

    private static Diagnosis awaitHistory(DockerClient docker, URI prometheus, String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Diagnosis d = null;
        while (System.nanoTime() < deadline) {
            List<String> console = new ArrayList<>();
            d = DiagnoseService.onDocker(docker).run(DiagnoseRequest.builder().name(name).prometheus(prometheus).build(), console::add);
            if (d.queries().stream().anyMatch(q -> q.name().equals("working set samples") && q.value().orElse(0.0) >= 3)) {
                return d;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("Prometheus never held 3 samples of " + name + ": " + d.queries());
    }
}
