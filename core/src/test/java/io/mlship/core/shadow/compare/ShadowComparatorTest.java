package io.mlship.core.shadow.compare;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ModelServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The comparator between two small real HTTP model servers. */
class ShadowComparatorTest {

    static final int N = 240;
    private final HttpClient http = HttpClient.newHttpClient();

    static ComparatorSettings.Builder settings(ModelServer baseline, ModelServer candidate) {
        return ComparatorSettings.builder().listen(new InetSocketAddress("127.0.0.1", 0))
                .baseline(baseline.url()).candidate(candidate.url()).shadowId("t" + System.nanoTime());
    }

    private HttpResponse<String> mirror(ShadowComparator comparator, int x) throws Exception {
        // as the nginx edge's mirror sends it: with a doubled leading slash
        URI uri = URI.create("http://127.0.0.1:" + comparator.address().getPort() + (x % 2 == 0 ? "//" : "/") + "v2/models/m/infer");
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ModelServer.request(x))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void awaitCompared(ComparatorMetrics metrics, long total) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            long seen = 0;
            for (PairResult result : PairResult.values()) {
                seen += metrics.pairs(result);
            }
            if (seen + metrics.dropped() >= total) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the comparator did not finish " + total + " copies in 30 s");
    }

    @Test
    void pairsEveryCopyAndCountsTheRecordedDisagreementExactly() throws Exception {
        // the candidate answers another class for every 8th input: 30 of the 240 inputs
        try (ModelServer baseline = ModelServer.start(x -> x % 3);
             ModelServer candidate = ModelServer.start(x -> x % 8 == 0 ? 7 : x % 3);
             ShadowComparator comparator = ShadowComparator.start(settings(baseline, candidate).build(), LogSink.discarding())) {
            long expectedDisagree = 0;
            for (int x = 0; x < N; x++) {
                assertThat(mirror(comparator, x).statusCode()).isEqualTo(202);
                expectedDisagree += x % 8 == 0 ? 1 : 0;
            }
            awaitCompared(comparator.metrics(), N);

            assertThat(comparator.metrics().pairs(PairResult.DISAGREE)).isEqualTo(expectedDisagree).isEqualTo(30);
            assertThat(comparator.metrics().pairs(PairResult.AGREE)).isEqualTo(N - 30);
            assertThat(comparator.metrics().dropped()).isZero();
            assertThat(baseline.served.get()).isEqualTo(N);
            assertThat(candidate.served.get()).isEqualTo(N);
            String text = comparator.metrics().exposition();
            assertThat(text).contains("mlship_shadow_pairs_total{shadow=\"" + comparator.settings().shadowId() + "\",result=\"disagree\"} 30")
                    .contains("result=\"agree\"} 210")
                    .contains("mlship_shadow_output_pairs_total{shadow=\"" + comparator.settings().shadowId()
                            + "\",output=\"predict\",result=\"disagree\"} 30")
                    .contains("output=\"proba\",result=\"agree\"} 240")
                    .contains("variant=\"candidate\",code=\"200\"} 240")
                    .contains("mlship_shadow_request_duration_seconds_count{shadow=\"" + comparator.settings().shadowId()
                            + "\",variant=\"baseline\"} 240");
        }
    }

    @Test
    void aSlowCandidateNeverSlowsTheMirrorAndFullQueueDropsAreCounted() throws Exception {
        try (ModelServer baseline = ModelServer.start(x -> 1);
             ModelServer candidate = ModelServer.start(x -> 1);
             ShadowComparator comparator = ShadowComparator.start(settings(baseline, candidate)
                     .queueCapacity(5).workers(1).timeout(Duration.ofSeconds(5)).build(), LogSink.discarding())) {
            candidate.delayMillis.set(5000);
            List<Long> ackMillis = new ArrayList<>();
            for (int x = 0; x < 50; x++) {
                long start = System.nanoTime();
                assertThat(mirror(comparator, x).statusCode()).isEqualTo(202);
                ackMillis.add((System.nanoTime() - start) / 1_000_000);
            }
            // one copy in the worker, five queued, the other 44 dropped and counted
            assertThat(comparator.metrics().received()).isEqualTo(50);
            assertThat(comparator.metrics().dropped()).isBetween(43L, 44L);
            assertThat(ackMillis.stream().mapToLong(Long::longValue).max().getAsLong()).isLessThan(1000);
            assertThat(comparator.metrics().exposition()).contains("mlship_shadow_copies_dropped_total{shadow=\""
                    + comparator.settings().shadowId() + "\"} " + comparator.metrics().dropped());
        }
    }

    @Test
    void aDeadCandidateIsCountedAsErrorsAndUnpairedNotAsDisagreement() throws Exception {
        ModelServer gone = ModelServer.start(x -> 1);
        URI deadUrl = gone.url();
        gone.close();
        try (ModelServer baseline = ModelServer.start(x -> 1);
             ShadowComparator comparator = ShadowComparator.start(ComparatorSettings.builder()
                     .listen(new InetSocketAddress("127.0.0.1", 0)).baseline(baseline.url()).candidate(deadUrl)
                     .shadowId("dead").timeout(Duration.ofSeconds(2)).build(), LogSink.discarding())) {
            for (int x = 0; x < 20; x++) {
                assertThat(mirror(comparator, x).statusCode()).isEqualTo(202);
            }
            awaitCompared(comparator.metrics(), 20);
            assertThat(comparator.metrics().pairs(PairResult.UNPAIRED)).isEqualTo(20);
            assertThat(comparator.metrics().pairs(PairResult.AGREE) + comparator.metrics().pairs(PairResult.DISAGREE)).isZero();
            assertThat(comparator.metrics().exposition()).contains("variant=\"candidate\",code=\"error\"} 20")
                    .contains("variant=\"baseline\",code=\"200\"} 20");
        }
    }
}
