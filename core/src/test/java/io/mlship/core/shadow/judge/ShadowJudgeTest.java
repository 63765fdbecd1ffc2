package io.mlship.core.shadow.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ModelServer;
import io.mlship.core.shadow.ShadowPrometheus;
import io.mlship.core.shadow.compare.ComparatorSettings;
import io.mlship.core.shadow.compare.PairResult;
import io.mlship.core.shadow.compare.ShadowComparator;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The judge against a real, test-owned Prometheus scraping real comparators every second. The comparators listen on
 * ports reserved before Prometheus starts, so one Prometheus scrapes all the tests' shadows — which also shows that
 * two shadows at once do not mix their numbers (each series carries its shadow id).
 */
class ShadowJudgeTest {

    private static final int N = 240;
    private static final int SLOTS = 4;

    @TempDir
    static Path folder;
    static ShadowPrometheus prometheus;
    static final List<Integer> ports = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startPrometheus() throws Exception {
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < SLOTS; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                ports.add(socket.getLocalPort());
                targets.add("127.0.0.1:" + socket.getLocalPort());
            }
        }
        prometheus = ShadowPrometheus.scraping(folder, targets.toArray(String[]::new));
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        prometheus.close();
    }

    private static ShadowComparator comparator(String id, ModelServer baseline, ModelServer candidate) {
        return ShadowComparator.start(ComparatorSettings.builder()
                .listen(new InetSocketAddress("127.0.0.1", ports.remove(0))).baseline(baseline.url())
                .candidate(candidate.url()).shadowId(id).build(), LogSink.discarding());
    }

    private void mirror(ShadowComparator comparator, int x) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + comparator.address().getPort() + "/v2/models/m/infer");
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ModelServer.request(x))).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(202);
    }

    /** Waits until the comparator has compared {@code n} copies and Prometheus has scraped that many pairs. */
    private static void awaitScraped(ShadowComparator comparator, long n) throws Exception {
        PrometheusQueries queries = new PrometheusQueries(prometheus.url);
        ShadowQueries q = new ShadowQueries(comparator.settings().shadowId());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long compared = comparator.metrics().pairs(PairResult.AGREE) + comparator.metrics().pairs(PairResult.DISAGREE);
            if (compared >= n && queries.value(q.pairs()).orElse(0.0) >= n) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Prometheus did not show " + n + " pairs of " + comparator.settings().shadowId() + " in 30 s");
    }

    private static AnalysisSpec fast(Duration min, Duration max) {
        return new AnalysisSpec(Duration.ofSeconds(1), 200, min, max, 1, NoDataPolicy.INCONCLUSIVE);
    }

    @Test
    void aDisagreeingCandidateIsAbortedWithTheRecordedDisagreementAndAnAgreeingOneIsPromoted_atTheSameTime() throws Exception {
        try (ModelServer v1 = ModelServer.start(x -> x % 3);
             ModelServer v2 = ModelServer.start(x -> x % 8 == 0 ? 7 : x % 3);   // recorded: disagrees on 30 of 240
             ModelServer same = ModelServer.start(x -> x % 3);
             ShadowComparator wrong = comparator("wrong-" + System.nanoTime(), v1, v2);
             ShadowComparator right = comparator("right-" + System.nanoTime(), v1, same)) {
            for (int x = 0; x < N; x++) {
                mirror(wrong, x);
                mirror(right, x);
            }
            awaitScraped(wrong, N);
            awaitScraped(right, N);

            List<String> console = Collections.synchronizedList(new ArrayList<>());
            Judgement aborted = new ShadowJudge(new PrometheusQueries(prometheus.url), new ShadowQueries(wrong.settings().shadowId()),
                    fast(Duration.ZERO, Duration.ofSeconds(10)), CriteriaSpec.defaults(), Optional.empty(),
                    CandidateHealth.Watch.none(), console::add).judge();
            Judgement promoted = new ShadowJudge(new PrometheusQueries(prometheus.url), new ShadowQueries(right.settings().shadowId()),
                    fast(Duration.ZERO, Duration.ofSeconds(10)), CriteriaSpec.defaults(), Optional.empty(),
                    CandidateHealth.Watch.none(), LogSink.discarding()).judge();

            double recorded = (N - 30) / (double) N;
            double promql = new PrometheusQueries(prometheus.url).value(new ShadowQueries(wrong.settings().shadowId()).agreement()).orElseThrow();
            assertThat(aborted.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(aborted.pairs()).isEqualTo(N);
            assertThat(aborted.agreement()).contains(recorded);
            assertThat(promql).isEqualTo(recorded);
            assertThat(aborted.reason()).contains("agreement 0.875");
            assertThat(aborted.decisions()).anySatisfy(d -> {
                assertThat(d.metric()).isEqualTo("agreement");
                assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
                assertThat(d.threshold()).isEqualTo(">= 0.99");
            });
            assertThat(console).anySatisfy(line -> assertThat(line).contains("agreement").contains("0.875").contains("fail"));

            assertThat(promoted.outcome()).isEqualTo(ShadowOutcome.PROMOTED);
            assertThat(promoted.pairs()).isEqualTo(N);
            assertThat(promoted.agreement()).contains(1.0);
            assertThat(promoted.decisions()).allSatisfy(d -> assertThat(d.verdict()).isEqualTo(Verdict.PASS));
        }
    }

    @Test
    void noTrafficIsInconclusiveNeverPromoted() throws Exception {
        try (ModelServer v1 = ModelServer.start(x -> 1);
             ModelServer v2 = ModelServer.start(x -> 1);
             ShadowComparator idle = comparator("idle-" + System.nanoTime(), v1, v2)) {
            Judgement judgement = new ShadowJudge(new PrometheusQueries(prometheus.url), new ShadowQueries(idle.settings().shadowId()),
                    fast(Duration.ZERO, Duration.ofSeconds(3)), CriteriaSpec.defaults(), Optional.empty(),
                    CandidateHealth.Watch.none(), LogSink.discarding()).judge();
            assertThat(judgement.outcome()).isEqualTo(ShadowOutcome.INCONCLUSIVE);
            assertThat(judgement.outcome().exitCode()).isEqualTo(3);
            assertThat(judgement.reason()).contains("no decision by maxDuration 3s").contains("agreement");
            assertThat(judgement.decisions()).anySatisfy(d -> {
                assertThat(d.metric()).isEqualTo("agreement");
                assertThat(d.verdict()).isEqualTo(Verdict.NO_DATA);
            });
        }
    }

    @Test
    void anOomKillAbortsAtOnceWithoutWaitingForAScrape() throws Exception {
        try (ModelServer v1 = ModelServer.start(x -> 1);
             ModelServer v2 = ModelServer.start(x -> 1);
             ShadowComparator c = comparator("oom-" + System.nanoTime(), v1, v2)) {
            AtomicReference<CandidateHealth> health = new AtomicReference<>(CandidateHealth.healthy());
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    health.set(new CandidateHealth(1, 0, Optional.of("the candidate was OOM-killed (exit 137)")));
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            });
            long start = System.nanoTime();
            killer.start();
            Judgement judgement = new ShadowJudge(new PrometheusQueries(prometheus.url), new ShadowQueries(c.settings().shadowId()),
                    new AnalysisSpec(Duration.ofSeconds(30), 200, Duration.ZERO, Duration.ofSeconds(60), 1, NoDataPolicy.INCONCLUSIVE),
                    CriteriaSpec.defaults(), Optional.empty(), health::get, LogSink.discarding()).judge();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(judgement.outcome()).isEqualTo(ShadowOutcome.ABORTED);
            assertThat(judgement.reason()).contains("OOM-killed");
            assertThat(millis).isLessThan(1000);
            assertThat(judgement.decisions()).anySatisfy(d -> {
                assertThat(d.metric()).isEqualTo("candidateOomKills");
                assertThat(d.value()).isEqualTo(1.0);
                assertThat(d.verdict()).isEqualTo(Verdict.FAIL);
            });
        }
    }

    @Test
    void aPrometheusThatIsDownIsAClearError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PrometheusQueries down = new PrometheusQueries(URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> down.value("up")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("Prometheus at http://127.0.0.1:" + port + " cannot be reached")
                .hasMessageContaining("--prometheus");
        assertThatThrownBy(() -> new PrometheusQueries(prometheus.url).value("sum(")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("refused `sum(`");
    }
}
