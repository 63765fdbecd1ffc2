package io.mlship.core.deploy.bench;

import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.kubernetes.DeployKubernetesTest;
import io.mlship.core.deploy.kubernetes.KubeletSimulator.Behaviour;
import io.mlship.core.deploy.kubernetes.MockCluster;
import io.mlship.core.deploy.service.DeployService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Time to failure against the kubelet simulator: from the moment the simulator writes the failing pod
 * status (OOMKilled in lastState, exit code 137) to (a) the rollout watch's verdict and (b) deploy()
 * returning, evidence kept and the rollback confirmed ready. Kubernetes' own answer would come at the
 * progress deadline, 600 s by default. Run by bench/deploy-time-to-failure.sh.
 */
public final class DeployTimeToFailureBench {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<Duration> detected = new ArrayList<>();
        List<Duration> returned = new ArrayList<>();
        Path logs = Files.createTempDirectory("mlship-bench-ttf");
        try (MockCluster cluster = new MockCluster()) {
            cluster.kubelet.behave(DeployKubernetesTest.BAD, Behaviour.OOM_KILLED);
            for (int i = 0; i <= runs; i++) {
                String name = "ttf-" + i;
                deploy(cluster, DeployKubernetesTest.GOOD, name, logs.resolve(name + "-good"));
                DeployResult failed = deploy(cluster, DeployKubernetesTest.BAD, name, logs.resolve(name + "-bad"));
                Instant end = Instant.now();
                if (failed.outcome() != DeployOutcome.ROLLED_BACK) {
                    throw new IllegalStateException("run " + i + " ended " + failed.outcome());
                }
                Instant written = cluster.kubelet.failureWrittenAt(name).orElseThrow();
                if (i == 0) {
                    continue; // warm-up (class loading, first connections): not counted
                }
                Duration d = Duration.between(written, failed.failureSeenAt().orElseThrow());
                Duration r = Duration.between(written, end);
                detected.add(d);
                returned.add(r);
                System.out.printf(Locale.ROOT, "run %2d: failure seen %4d ms, deploy returned (evidence kept, rollback ready) %5d ms after the failing status%n",
                        i, d.toMillis(), r.toMillis());
            }
        }
        System.out.printf(Locale.ROOT, "status -> verdict:      median %d ms, max %d ms%n", median(detected), max(detected));
        System.out.printf(Locale.ROOT, "status -> step failed:  median %d ms, max %d ms (target <= 2000 ms: %s; Kubernetes' default progress deadline: 600000 ms)%n",
                median(returned), max(returned), max(returned) <= 2000 ? "met" : "MISSED");
    }

    private static DeployResult deploy(MockCluster cluster, String image, String name, Path logDirectory) throws InterruptedException {
        return DeployService.deploy(new DeployRequest(DeployKubernetesTest.spec(name, image), logDirectory, "bench",
                cluster.connection(), null), line -> { });
    }

    private static long median(List<Duration> values) {
        List<Duration> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2).toMillis();
    }

    private static long max(List<Duration> values) {
        return values.stream().max(Comparator.naturalOrder()).orElseThrow().toMillis();
    }
}
