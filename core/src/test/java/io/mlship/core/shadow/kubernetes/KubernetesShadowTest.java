package io.mlship.core.shadow.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.kubernetes.DeployKubernetesTest;
import io.mlship.core.deploy.kubernetes.KubeletSimulator.Behaviour;
import io.mlship.core.deploy.kubernetes.MockCluster;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeployImage;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.OpenShiftOptions;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.client.OpenShiftClient;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.diagnose.TestPrometheus;
import io.mlship.core.shadow.judge.MeshWorkloads;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.spec.AnalysisSpec;
import io.mlship.core.shadow.spec.CriteriaSpec;
import io.mlship.core.shadow.spec.MetricsSource;
import io.mlship.core.shadow.spec.MirrorSpec;
import io.mlship.core.shadow.spec.NoDataPolicy;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shadow on Kubernetes with Istio: objects on fabric8's CRUD-mode API server mock with the kubelet simulator
 * (created with the right fields, all or nothing, removed on every outcome, the promotion through the rollout watch,
 * an OOM-killed candidate aborting at once), judged on a real Prometheus (Debian's) holding series in Istio's shape,
 * backfilled with {@code promtool tsdb create-blocks-from openmetrics}.
 */
class KubernetesShadowTest {

    static final String LIVE = DeployKubernetesTest.GOOD;
    static final String CANDIDATE = "registry.local:5000/team/iris:1.1.0";
    static final String COMPARATOR_IMAGE = "registry.local:5000/mlship-comparator:1";
    static final String NS = MockCluster.NAMESPACE;

    /** Backfilled shadows: GOOD passes every criterion, BAD has a candidate error rate of 50/500. */
    static final String GOOD = "iris-shadow-good";
    static final String BAD = "iris-shadow-bad";

    @TempDir
    static Path prometheusFolder;
    static TestPrometheus prometheus;

    @TempDir
    Path temp;
    MockCluster cluster;
    final List<String> console = Collections.synchronizedList(new ArrayList<>());

    /** Candidate and baseline latency histograms (ms buckets, cumulative) of the GOOD shadow. */
    static final double[] BOUNDS = {5, 10, 25, 50, 100, 250};
    static final long[] CANDIDATE_BUCKETS = {100, 350, 470, 496, 500, 500};
    static final long[] BASELINE_BUCKETS = {120, 400, 480, 498, 500, 500};

    @BeforeAll
    static void backfill() throws Exception {
        TestPrometheus.OpenMetrics om = new TestPrometheus.OpenMetrics();
        // Constant totals from 5 minutes ago to 15 minutes ahead, every 15 s: a query at any moment of the test reads them.
        long now = Instant.now().getEpochSecond();
        List<Long> times = new ArrayList<>();
        for (long t = now - 300; t <= now + 900; t += 15) {
            times.add(t);
        }
        om.family("mlship_shadow_pairs_total");
        for (String id : List.of(GOOD, BAD)) {
            for (long t : times) {
                om.sample("mlship_shadow_pairs_total", "shadow=\"" + id + "\",result=\"agree\"", 500, t);
                om.sample("mlship_shadow_pairs_total", "shadow=\"" + id + "\",result=\"disagree\"", 0, t);
            }
        }
        om.family("istio_requests_total");
        for (long t : times) {
            requests(om, GOOD + "-candidate", NS, "destination", "200", 500, t);
            requests(om, GOOD + "-baseline", NS, "destination", "200", 500, t);
            requests(om, BAD + "-candidate", NS, "destination", "200", 450, t);
            requests(om, BAD + "-candidate", NS, "destination", "503", 40, t);
            requests(om, BAD + "-candidate", NS, "destination", "0", 10, t); // reset: no answer at all
            requests(om, BAD + "-baseline", NS, "destination", "200", 500, t);
            // what the comparator's own sidecar reports (source) and a namespace with the same workload names: both ignored
            requests(om, BAD + "-candidate", NS, "source", "503", 400, t);
            requests(om, BAD + "-candidate", "other", "destination", "503", 400, t);
        }
        om.family("istio_request_duration_milliseconds_bucket");
        for (long t : times) {
            for (String id : List.of(GOOD, BAD)) {
                buckets(om, id + "-candidate", "destination", NS, CANDIDATE_BUCKETS, t);
                buckets(om, id + "-baseline", "destination", NS, BASELINE_BUCKETS, t);
            }
            buckets(om, GOOD + "-candidate", "source", NS, new long[] {0, 0, 0, 0, 0, 500}, t);
        }
        prometheus = TestPrometheus.start(prometheusFolder, om.write(prometheusFolder.resolve("istio.om")));
    }

    private static void requests(TestPrometheus.OpenMetrics om, String workload, String namespace, String reporter, String code,
                                 double value, long t) {
        om.sample("istio_requests_total", "reporter=\"" + reporter + "\",destination_workload=\"" + workload
                + "\",destination_workload_namespace=\"" + namespace + "\",response_code=\"" + code + "\"", value, t);
    }

    private static void buckets(TestPrometheus.OpenMetrics om, String workload, String reporter, String namespace, long[] counts, long t) {
        for (int i = 0; i <= BOUNDS.length; i++) {
            String le = i == BOUNDS.length ? "+Inf" : Double.toString(BOUNDS[i]);
            long count = i == BOUNDS.length ? counts[counts.length - 1] : counts[i];
            om.sample("istio_request_duration_milliseconds_bucket", "reporter=\"" + reporter + "\",destination_workload=\"" + workload
                    + "\",destination_workload_namespace=\"" + namespace + "\",le=\"" + le + "\"", count, t);
        }
    }

    @AfterAll
    static void stopPrometheus() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
    }

    @BeforeEach
    void startCluster() throws Exception {
        cluster = new MockCluster();
        assertThat(DeployService.deploy(request(LIVE, "live"), console::add).outcome()).isEqualTo(DeployOutcome.DEPLOYED);
    }

    @AfterEach
    void stopCluster() throws Exception {
        cluster.close();
    }

    DeployRequest request(String image, String run) {
        DeploySpec spec = DeployKubernetesTest.spec("iris", image).toBuilder().target(DeployTarget.KUBERNETES).build();
        return new DeployRequest(spec, temp.resolve(run), "test " + run, cluster.connection(), null);
    }

    static ShadowSpec shadowSpec() {
        return ShadowSpec.builder()
                .mirror(new MirrorSpec(25, List.of("POST"), List.of("/v2/models/iris/infer", "/v2/models/iris/explain")))
                .analysis(new AnalysisSpec(Duration.ofSeconds(1), 100, Duration.ZERO, Duration.ofSeconds(5), 1,
                        NoDataPolicy.INCONCLUSIVE, MetricsSource.MESH))
                .criteria(CriteriaSpec.defaults())
                .build();
    }

    KubernetesShadow.Result shadow(String id, String run) throws InterruptedException {
        return KubernetesShadow.run(new KubernetesShadowRequest(request(CANDIDATE, run), shadowSpec(), prometheus.url,
                Optional.of(COMPARATOR_IMAGE), Optional.of(id), temp.resolve(run)), console::add);
    }

    Deployment live() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("iris").get();
    }

    List<HasMetadata> shadowObjects(String id) {
        Map<String, String> label = Map.of(ShadowNames.ID_LABEL, id);
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(cluster.client.apps().deployments().inNamespace(NS).withLabels(label).list().getItems());
        all.addAll(cluster.client.services().inNamespace(NS).withLabels(label).list().getItems());
        all.addAll(cluster.client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(NS).withLabels(label).list().getItems());
        all.addAll(cluster.client.genericKubernetesResources(ShadowRenderer.DESTINATION_RULE).inNamespace(NS).withLabels(label).list().getItems());
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void promotedRendersEveryObjectMirrorsThroughTheVirtualServiceThenRemovesThemAndRollsTheCandidateOut() throws Exception {
        Deployment before = live();
        AtomicReference<List<HasMetadata>> whileJudging = new AtomicReference<>();
        CompletableFuture<KubernetesShadow.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return shadow(GOOD, "good");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // the VirtualService is created last, once the three Deployments are ready: then every object exists
        while (!run.isDone() && whileJudging.get() == null) {
            if (cluster.client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(NS).withName(GOOD).get() != null) {
                whileJudging.set(shadowObjects(GOOD));
            }
            Thread.sleep(20);
        }
        KubernetesShadow.Result result = run.get();

        assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.PROMOTED);
        assertThat(whileJudging.get()).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).containsExactlyInAnyOrder(
                "Deployment " + GOOD + "-baseline", "Deployment " + GOOD + "-candidate", "Deployment " + GOOD + "-cmp",
                "Service " + GOOD + "-baseline", "Service " + GOOD + "-candidate", "Service " + GOOD + "-cmp",
                "VirtualService " + GOOD, "DestinationRule " + GOOD + "-cmp");
        Map<String, HasMetadata> byName = new java.util.HashMap<>();
        whileJudging.get().forEach(o -> byName.put(o.getKind() + " " + o.getMetadata().getName(), o));
        assertThat(whileJudging.get()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry(ShadowNames.LABEL, "iris").containsEntry(ShadowNames.ID_LABEL, GOOD));
        // baseline = the live image, candidate = the candidate, both under the candidate's limits; the comparator's command
        Deployment baseline = (Deployment) byName.get("Deployment " + GOOD + "-baseline");
        Deployment candidate = (Deployment) byName.get("Deployment " + GOOD + "-candidate");
        Deployment comparator = (Deployment) byName.get("Deployment " + GOOD + "-cmp");
        assertThat(DeployKubernetesTestImage.of(baseline)).isEqualTo(LIVE);
        assertThat(DeployKubernetesTestImage.of(candidate)).isEqualTo(CANDIDATE);
        assertThat(candidate.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .isEqualTo(before.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits());
        assertThat(candidate.getSpec().getReplicas()).isEqualTo(1);
        // the shadow's pods never carry the live selector: the live Service must not send them traffic
        assertThat(candidate.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainEntry("io.mlship/deploy", "iris");
        assertThat(DeployKubernetesTestImage.of(comparator)).isEqualTo(COMPARATOR_IMAGE);
        assertThat(comparator.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand()).containsSubsequence(
                "-cp", "/opt/mlship/mlship.jar", "io.mlship.core.shadow.compare.ComparatorMain", "--shadow-id", GOOD,
                "--baseline", "http://" + GOOD + "-baseline.models.svc.cluster.local:8080",
                "--candidate", "http://" + GOOD + "-candidate.models.svc.cluster.local:8080");
        assertThat(comparator.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("prometheus.io/port", "9000");
        // the VirtualService: hosts, the match (each method x path), the live route, the mirror and its percentage
        Map<String, Object> vs = (Map<String, Object>) ((GenericKubernetesResource) byName.get("VirtualService " + GOOD))
                .getAdditionalProperties().get("spec");
        String liveHost = "iris.models.svc.cluster.local";
        assertThat((List<String>) vs.get("hosts")).containsExactly(liveHost);
        List<Map<String, Object>> http = (List<Map<String, Object>>) vs.get("http");
        assertThat(http).hasSize(2);
        Map<String, Object> mirrored = http.get(0);
        assertThat(mirrored.get("match")).isEqualTo(List.of(
                Map.of("method", Map.of("exact", "POST"), "uri", Map.of("prefix", "/v2/models/iris/infer")),
                Map.of("method", Map.of("exact", "POST"), "uri", Map.of("prefix", "/v2/models/iris/explain"))));
        Map<String, Object> toLive = Map.of("destination", Map.of("host", liveHost, "port", Map.of("number", 8080)));
        assertThat(mirrored.get("route")).isEqualTo(List.of(toLive));
        assertThat(mirrored.get("mirror")).isEqualTo(Map.of("host", GOOD + "-cmp.models.svc.cluster.local", "port", Map.of("number", 9000)));
        assertThat(((Map<String, Object>) mirrored.get("mirrorPercentage")).get("value")).isEqualTo(25.0);
        assertThat(http.get(1)).doesNotContainKeys("match", "mirror").containsEntry("route", List.of(toLive));
        Map<String, Object> dr = (Map<String, Object>) ((GenericKubernetesResource) byName.get("DestinationRule " + GOOD + "-cmp"))
                .getAdditionalProperties().get("spec");
        assertThat(dr.get("host")).isEqualTo(GOOD + "-cmp.models.svc.cluster.local");

        // afterwards: no shadow object left, and the live Deployment rolled to the candidate through the rollout watch
        assertThat(shadowObjects(GOOD)).isEmpty();
        assertThat(result.promotion().orElseThrow().outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        Deployment after = live();
        assertThat(DeployKubernetesTestImage.of(after)).isEqualTo(CANDIDATE);
        assertThat(after.getMetadata().getGeneration()).isGreaterThan(before.getMetadata().getGeneration());
        assertThat(console).anyMatch(l -> l.startsWith("rolled out models/iris revision 2"));
        assertThat(Files.readString(result.report())).contains("\"outcome\" : \"PROMOTED\"").contains("\"promotion\" : \"DEPLOYED\"")
                .contains("istio_requests_total");
    }

    @Test
    void abortedRemovesEveryShadowObjectAndLeavesTheLiveDeploymentUnchanged() throws Exception {
        Deployment before = live();

        KubernetesShadow.Result result = shadow(BAD, "bad");

        assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.ABORTED);
        assertThat(result.reason()).contains("candidateErrorRate 0.1");
        assertThat(result.promotion()).isEmpty();
        assertThat(shadowObjects(BAD)).isEmpty();
        Deployment after = live();
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        assertThat(after.getSpec()).isEqualTo(before.getSpec());
        assertThat(console).contains("  removed VirtualService " + BAD, "  removed Deployment " + BAD + "-baseline");
    }

    @Test
    void stoppedWhileJudgingRemovesEveryShadowObjectAndLeavesTheLiveDeploymentUnchanged() throws Exception {
        Deployment before = live();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        // no series for this id: the judge would wait for data until maxDuration (5 s)
        Thread run = new Thread(() -> {
            try {
                shadow("iris-shadow-stop", "stop");
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        run.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(NS).withName("iris-shadow-stop").get() == null) {
            assertThat(System.nanoTime()).as("the VirtualService appears").isLessThan(deadline);
            Thread.sleep(20);
        }
        run.interrupt(); // what SIGTERM or a Jenkins abort does to the run
        run.join(20_000);

        assertThat(run.isAlive()).isFalse();
        // mostly an InterruptedException from the judge's wait; an interrupt that lands inside an API or PromQL call
        // surfaces as that call's failure instead: either way the run ends with an error, not an outcome
        assertThat(thrown.get()).isNotNull();
        assertThat(shadowObjects("iris-shadow-stop")).isEmpty();
        assertThat(live().getSpec()).isEqualTo(before.getSpec());
        assertThat(live().getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
    }

    @Test
    void aFailureCreatingTheFourthObjectRemovesTheFirstThree() throws Exception {
        Deployment before = live();
        // someone else's Service holds the name of the fourth object (the candidate's Service): its create fails with 409
        cluster.client.services().inNamespace(NS).resource(new ServiceBuilder().withNewMetadata().withName("iris-shadow-taken-candidate")
                .endMetadata().withNewSpec().addNewPort().withPort(80).endPort().endSpec().build()).create();

        assertThatThrownBy(() -> shadow("iris-shadow-taken", "taken")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("creating Service iris-shadow-taken-candidate").hasMessageContaining("the 3 object(s) created before it are removed");

        assertThat(console).containsSubsequence("  created Deployment iris-shadow-taken-baseline", "  created Service iris-shadow-taken-baseline",
                "  created Deployment iris-shadow-taken-candidate", "  removed Deployment iris-shadow-taken-candidate",
                "  removed Service iris-shadow-taken-baseline", "  removed Deployment iris-shadow-taken-baseline");
        assertThat(shadowObjects("iris-shadow-taken")).isEmpty();
        assertThat(cluster.client.apps().deployments().inNamespace(NS).list().getItems()).extracting(d -> d.getMetadata().getName())
                .containsExactly("iris");
        // the other owner's Service is not ours to remove
        assertThat(cluster.client.services().inNamespace(NS).withName("iris-shadow-taken-candidate").get()).isNotNull();
        assertThat(live().getSpec()).isEqualTo(before.getSpec());
    }

    @Test
    void anOomKilledCandidatePodAbortsAtOnce() throws Exception {
        cluster.kubelet.behave(CANDIDATE, Behaviour.OOM_KILLED);
        Deployment before = live();

        AtomicReference<Instant> removing = new AtomicReference<>();
        KubernetesShadow.Result result = KubernetesShadow.run(new KubernetesShadowRequest(request(CANDIDATE, "oom"), shadowSpec(),
                prometheus.url, Optional.of(COMPARATOR_IMAGE), Optional.of("iris-shadow-oom"), temp.resolve("oom")), line -> {
                    if (line.startsWith("  removed") && removing.get() == null) {
                        removing.set(Instant.now()); // the decision is made: the removal starts
                    }
                    console.add(line);
                });
        Instant decided = Instant.now();

        assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
        assertThat(result.reason()).contains("OOM-killed");
        Instant killed = cluster.kubelet.failureWrittenAt("iris-shadow-oom-candidate").orElseThrow();
        // the decision comes from the pod status (a watch), not a scrape: no judge interval, no Prometheus involved
        System.out.println("OOM kill written -> removal starts: " + Duration.between(killed, removing.get()).toMillis()
                + " ms; -> ABORTED returned (objects removed): " + Duration.between(killed, decided).toMillis() + " ms");
        assertThat(Duration.between(killed, removing.get())).isLessThan(Duration.ofSeconds(2));
        assertThat(Duration.between(killed, decided)).isLessThan(Duration.ofSeconds(5));
        assertThat(shadowObjects("iris-shadow-oom")).isEmpty();
        assertThat(live().getSpec()).isEqualTo(before.getSpec());
        assertThat(Files.readString(result.report())).contains("\"outcome\" : \"ABORTED\"").contains("candidateOomKills");
    }

    @Test
    void aCandidatePodOomKilledWhileJudgedAbortsWithoutWaitingForACheck() throws Exception {
        Deployment before = live();
        String id = "iris-shadow-late";
        AtomicReference<Instant> removing = new AtomicReference<>();
        // no series for this id: without the kill the judge would wait for data until maxDuration (5 s)
        CompletableFuture<KubernetesShadow.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return KubernetesShadow.run(new KubernetesShadowRequest(request(CANDIDATE, "late"), shadowSpec(), prometheus.url,
                        Optional.of(COMPARATOR_IMAGE), Optional.of(id), temp.resolve("late")), line -> {
                            if (line.startsWith("  removed") && removing.get() == null) {
                                removing.set(Instant.now());
                            }
                            console.add(line);
                        });
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (cluster.client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(NS).withName(id).get() == null) {
            assertThat(System.nanoTime()).as("the VirtualService appears").isLessThan(deadline);
            Thread.sleep(20);
        }
        // what the kubelet writes when the model's container is OOM-killed and restarted
        io.fabric8.kubernetes.api.model.Pod pod = cluster.client.pods().inNamespace(NS)
                .withLabels(Map.of(ShadowNames.ID_LABEL, id, ShadowNames.ROLE_LABEL, "candidate")).list().getItems().get(0);
        pod.getStatus().setContainerStatuses(List.of(new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                .withName("model").withImage(CANDIDATE).withReady(false).withRestartCount(1)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
                .build()));
        Instant killed = Instant.now();
        cluster.client.pods().inNamespace(NS).resource(pod).updateStatus();
        KubernetesShadow.Result result = run.get();

        assertThat(result.outcome()).isEqualTo(ShadowOutcome.ABORTED);
        assertThat(result.reason()).isEqualTo("the candidate was OOM-killed");
        System.out.println("OOM while judged -> removal starts: " + Duration.between(killed, removing.get()).toMillis() + " ms");
        // the judge polls the watch every 100 ms; its next check would be 1 s apart
        assertThat(Duration.between(killed, removing.get())).isLessThan(Duration.ofSeconds(1));
        assertThat(result.judgement().decisions()).anyMatch(d -> d.metric().equals("candidateOomKills") && d.value() == 1.0);
        assertThat(shadowObjects(id)).isEmpty();
        assertThat(live().getSpec()).isEqualTo(before.getSpec());
    }

    @Test
    void meshQueriesGiveTheErrorRateExactlyAndTheP99OfTheHistogram() {
        PrometheusQueries promql = new PrometheusQueries(prometheus.url);
        ShadowQueries bad = ShadowQueries.mesh(BAD, new MeshWorkloads(NS, BAD + "-baseline", BAD + "-candidate"));
        // 40 answers 503 and 10 resets (code 0) of 500, as the candidate's own sidecar reported them
        assertThat(promql.value(bad.candidateErrorRate())).contains(50.0 / 500);
        assertThat(promql.value(bad.candidateRequests())).contains(500.0);
        ShadowQueries good = ShadowQueries.mesh(GOOD, new MeshWorkloads(NS, GOOD + "-baseline", GOOD + "-candidate"));
        assertThat(promql.value(good.candidateErrorRate())).contains(0.0);
        double candidateP99 = quantile(0.99, CANDIDATE_BUCKETS);
        double baselineP99 = quantile(0.99, BASELINE_BUCKETS);
        assertThat(candidateP99).isEqualTo(25 + 25 * (495.0 - 470) / (496 - 470));
        assertThat(promql.value(good.p99("candidate")).orElseThrow()).isCloseTo(candidateP99, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(promql.value(good.p99("baseline")).orElseThrow()).isCloseTo(baselineP99, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(promql.value(good.latencyRatio()).orElseThrow()).isCloseTo(candidateP99 / baselineP99, org.assertj.core.data.Offset.offset(1e-9));
        // a workload without series is no data, never 0
        ShadowQueries none = ShadowQueries.mesh("x", new MeshWorkloads(NS, "x-baseline", "x-candidate"));
        assertThat(promql.value(none.candidateErrorRate())).isEmpty();
    }

    @Test
    void onOpenShiftTheBaselineRunsTheLiveDeploymentConfigsImageAndThePromotionRollsTheDeploymentConfig() throws Exception {
        DeploySpec spec = DeployKubernetesTest.spec("wine", LIVE).toBuilder().target(DeployTarget.OPENSHIFT)
                .openshift(new OpenShiftOptions(true, true, Optional.of("wine.apps.example.com"))).build();
        DeployRequest live = new DeployRequest(spec, temp.resolve("wine-live"), "test", cluster.connection(), null);
        assertThat(DeployService.deploy(live, console::add).outcome()).isEqualTo(DeployOutcome.DEPLOYED);
        DeployRequest candidate = live.withSpec(spec.toBuilder().image(new DeployImage(CANDIDATE)).build()).withLogDirectory(temp.resolve("wine"));

        KubernetesShadow.Result result = KubernetesShadow.run(new KubernetesShadowRequest(candidate, shadowSpec(), prometheus.url,
                Optional.of(COMPARATOR_IMAGE), Optional.of(GOOD), null), console::add);

        assertThat(result.outcome()).as(String.join("\n", console)).isEqualTo(ShadowOutcome.PROMOTED);
        assertThat(console).anyMatch(l -> l.contains("baseline " + LIVE + ", candidate " + CANDIDATE));
        assertThat(shadowObjects(GOOD)).isEmpty();
        DeploymentConfig dc = cluster.client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(NS).withName("wine").get();
        assertThat(dc.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(CANDIDATE);
        assertThat(result.promotion().orElseThrow().outcome()).isEqualTo(DeployOutcome.DEPLOYED);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsCreated() throws Exception {
        ShadowSpec noImage = shadowSpec();
        assertThatThrownBy(() -> KubernetesShadow.run(new KubernetesShadowRequest(request(CANDIDATE, "x"), noImage, prometheus.url,
                Optional.empty(), Optional.of("iris-shadow-x"), null), console::add))
                .hasMessageContaining("no comparator image").hasMessageContaining("/opt/mlship/mlship.jar");
        DeployRequest unknown = request(CANDIDATE, "y").withSpec(request(CANDIDATE, "y").spec().toBuilder().name("rose").build());
        assertThatThrownBy(() -> KubernetesShadow.run(new KubernetesShadowRequest(unknown, shadowSpec(), prometheus.url,
                Optional.of(COMPARATOR_IMAGE), Optional.empty(), null), console::add))
                .hasMessageContaining("no live deploy named rose in namespace models");
        DeployRequest longName = request(CANDIDATE, "l").withSpec(request(CANDIDATE, "l").spec().toBuilder().name("i".repeat(40)).build());
        assertThatThrownBy(() -> KubernetesShadow.run(new KubernetesShadowRequest(longName, shadowSpec(), prometheus.url,
                Optional.of(COMPARATOR_IMAGE), Optional.empty(), null), console::add))
                .hasMessageContaining("use a shorter deploy name (at most 39 characters) or --shadow-id");
        // the user's own VirtualService on the live host: Istio would use only one of the two
        cluster.client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(NS).resource(
                new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder().withApiVersion("networking.istio.io/v1beta1")
                        .withKind("VirtualService").withNewMetadata().withName("iris-routes").endMetadata()
                        .withAdditionalProperties(Map.of("spec", Map.of("hosts", List.of("iris")))).build()).create();
        assertThatThrownBy(() -> shadow("iris-shadow-z", "z")).hasMessageContaining("VirtualService iris-routes in models already routes iris");
        assertThat(shadowObjects("iris-shadow-x")).isEmpty();
        assertThat(shadowObjects("iris-shadow-z")).isEmpty();
        assertThat(console).noneMatch(l -> l.startsWith("  created Deployment iris-shadow"));
    }

    /** The q-quantile of cumulative bucket counts, interpolated linearly inside the bucket the rank falls in. */
    static double quantile(double q, long[] cumulative) {
        double rank = q * cumulative[cumulative.length - 1];
        for (int i = 0; i < BOUNDS.length; i++) {
            if (cumulative[i] >= rank) {
                double lower = i == 0 ? 0 : BOUNDS[i - 1];
                long below = i == 0 ? 0 : cumulative[i - 1];
                return lower + (BOUNDS[i] - lower) * (rank - below) / (cumulative[i] - below);
            }
        }
        throw new AssertionError("rank beyond the last finite bucket");
    }

    /** The model container's image. */
    static final class DeployKubernetesTestImage {
        static String of(Deployment d) {
            return d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
        }
    }
}
