package io.mlship.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 14 days of 30 s series backfilled into a real Prometheus (Debian's 2.42, run by the test over its own data folder):
 * the memory recommendation must be exactly the KRR rule applied to the series' maximum, the CPU request within 1%
 * of the 95th percentile the test computes from the rates it generated.
 */
class PrometheusDiagnoseTest {

    static final long STEP = 30;
    static final long POINTS = 14 * 24 * 3600 / STEP;
    /** Samples at 30k + 15 s: the subquery's steps (multiples of 30 s) then each see exactly one interval in rate(…[1m]). */
    static final long END = (Instant.now().getEpochSecond() / STEP) * STEP - 3600 + 15;
    static final long START = END - (POINTS - 1) * STEP;
    static final Instant UNTIL = Instant.ofEpochSecond(END + 1);

    static TestPrometheus prometheus;
    static long maxWorkingSet;
    static double[] rates;
    static double throttledShare;

    @TempDir
    static Path folder;

    @BeforeAll
    static void backfill() throws Exception {
        Random random = new Random(17);
        TestPrometheus.OpenMetrics om = new TestPrometheus.OpenMetrics();
        String full = "name=\"model-full\"";
        om.family("container_memory_working_set_bytes");
        maxWorkingSet = 0;
        for (long i = 0; i < POINTS; i++) {
            long ws = MemorySize.ofMebibytes(150).bytes() + (long) (random.nextGaussian() * 20 * MemorySize.MIB);
            maxWorkingSet = Math.max(maxWorkingSet, ws);
            om.sample("container_memory_working_set_bytes", full, ws, START + i * STEP);
        }
        // few points: 50 samples
        for (long i = 49; i >= 0; i--) {
            om.sample("container_memory_working_set_bytes", "name=\"model-new\"", 100 * MemorySize.MIB, END - i * STEP);
        }
        // a gap of two days in the middle
        long gapMax = 0;
        for (long i = 0; i < POINTS; i++) {
            if (i > POINTS / 2 && i < POINTS / 2 + 2 * 2880) {
                continue;
            }
            long ws = (i == POINTS / 2 + 100 ? 900 : 200) * MemorySize.MIB; // the one outlier falls in the gap: never stored
            gapMax = Math.max(gapMax, i > POINTS / 2 && i < POINTS / 2 + 2 * 2880 ? 0 : ws);
            om.sample("container_memory_working_set_bytes", "name=\"model-gappy\"", ws, START + i * STEP);
        }
        om.family("container_cpu_usage_seconds_total");
        rates = new double[(int) POINTS - 1];
        double counter = 5000;
        om.sample("container_cpu_usage_seconds_total", full, counter, START);
        for (int i = 1; i < POINTS; i++) {
            rates[i - 1] = 0.05 + random.nextDouble() * 0.9 * (random.nextInt(10) == 0 ? 1.5 : 1);
            counter += rates[i - 1] * STEP;
            om.sample("container_cpu_usage_seconds_total", full, counter, START + i * STEP);
        }
        om.family("container_cpu_cfs_periods_total");
        om.family("container_cpu_cfs_throttled_periods_total");
        // no CPU limit on model-full: no CFS series; a limit on model-new, 10% throttled
        om.family("container_spec_memory_limit_bytes");
        for (long i = 0; i < POINTS; i += 10) {
            om.sample("container_spec_memory_limit_bytes", full, 512 * MemorySize.MIB, START + i * STEP);
        }
        Path file = om.write(folder.resolve("series.om"));
        prometheus = TestPrometheus.start(folder, file);
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @Test
    void fourteenDaysOfHistoryGiveTheMemoryRecommendationExactlyAndTheCpuP95WithinOnePercent() {
        Diagnosis d = diagnose("model-full", prometheus.url);

        long expectedMib = (long) Math.ceil(Math.ceil(maxWorkingSet * 1.15) / MemorySize.MIB);
        assertThat(d.recommendation().memory()).contains(expectedMib + "Mi");
        assertThat(d.recommendation().memoryRule()).contains("max working set", "× 1.15", POINTS + " points");

        double expectedP95 = Percentile.of(rates, 0.95);
        String cpu = d.recommendation().cpuRequest().orElseThrow();
        double millicores = Double.parseDouble(cpu.substring(0, cpu.length() - 1));
        assertThat(millicores / 1000).isCloseTo(expectedP95, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(d.recommendation().cpuLimit()).isEmpty();
        assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(d.queries()).anySatisfy(q -> assertThat(q.promql()).startsWith("max(max_over_time(container_memory_working_set_bytes{name=\"model-full\"}[14d]))"));
        assertThat(d.queries()).anySatisfy(q -> assertThat(q.promql()).contains("quantile_over_time(0.95, rate(container_cpu_usage_seconds_total{name=\"model-full\"}[1m])[14d:30s])"));
    }

    @Test
    void fewerThanAHundredPointsAreNotEnoughData() {
        Diagnosis d = diagnose("model-new", prometheus.url);
        assertThat(d.recommendation().memory()).isEmpty();
        assertThat(d.recommendation().memoryStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
        assertThat(d.recommendation().memoryRule()).contains("50 points");
        assertThat(d.recommendation().cpuStatus()).isEqualTo(Recommendation.NO_DATA);
        assertThat(d.toReport().get("recommendation").toString()).contains("memory=not enough data").doesNotContain("=0Mi");
    }

    @Test
    void aWindowWithGapsUsesTheSamplesThatExist() {
        Diagnosis d = diagnose("model-gappy", prometheus.url);
        assertThat(d.recommendation().memory()).contains((long) Math.ceil(200 * 1.15) + "Mi");
        assertThat(d.queries()).filteredOn(q -> q.name().equals("working set samples"))
                .singleElement().satisfies(q -> assertThat(q.value()).contains((double) (POINTS - (2 * 2880 - 1))));
    }

    @Test
    void aContainerPrometheusNeverSawIsNoData() {
        Diagnosis d = diagnose("model-unknown", prometheus.url);
        assertThat(d.recommendation().memoryStatus()).isEqualTo(Recommendation.NO_DATA);
        assertThat(d.recommendation().cpuStatus()).isEqualTo(Recommendation.NO_DATA);
        assertThat(d.recommendation().memory()).isEmpty();
        assertThat(d.queries()).allSatisfy(q -> assertThat(q.value()).isEmpty());
    }

    @Test
    void prometheusDownIsAClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI down = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> diagnose("model-full", down)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("Prometheus at " + down + " does not answer").hasMessageContaining("scripts/services start");
    }

    @Test
    void prometheusAnsweringAnErrorIsAClearError() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            byte[] body = "{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in expression evaluation\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThatThrownBy(() -> diagnose("model-full", url)).isInstanceOf(MlshipException.class)
                    .hasMessageContaining("rejected").hasMessageContaining("HTTP 503, timeout: query timed out");
        } finally {
            server.stop(0);
        }
    }

    private static Diagnosis diagnose(String name, URI url) {
        List<String> console = new ArrayList<>();
        DiagnoseRequest request = DiagnoseRequest.builder().target(DiagnoseTarget.DOCKER).name(name).prometheus(url)
                .until(UNTIL).window(Duration.ofDays(14)).build();
        // none of these containers is on the daemon: with --prometheus the history is the evidence
        try (var docker = io.mlship.core.docker.DockerConnector.connect(io.mlship.core.docker.DockerEndpoint.fromEnvironment())) {
            return DiagnoseService.onDocker(docker).run(request, console::add);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
