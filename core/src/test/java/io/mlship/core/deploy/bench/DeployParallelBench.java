package io.mlship.core.deploy.bench;

import io.mlship.core.deploy.kubernetes.MockCluster;
import io.mlship.core.deploy.kubernetes.ParallelDeploys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * N (default 20) deploys of different models at the same time against one mock cluster, each with its
 * own log folder; every third one is OOM-killed and rolled back. Reports the wall time, the outcomes,
 * and any cross-talk (a model's result, console or evidence naming another model). Run by
 * bench/deploy-parallel.sh.
 */
public final class DeployParallelBench {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path logs = Files.createTempDirectory("mlship-bench-parallel");
        try (MockCluster cluster = new MockCluster()) {
            long start = System.nanoTime();
            List<ParallelDeploys.Run> runs = ParallelDeploys.run(cluster, count, logs);
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Long> outcomes = new TreeMap<>(runs.stream().collect(Collectors.groupingBy(r -> r.result().outcome().name(), Collectors.counting())));
            long crossTalk = runs.stream().filter(r -> !r.crossTalk().isEmpty()).count();
            runs.forEach(r -> System.out.printf(Locale.ROOT, "%s: %s in %d ms%s%n", r.model(), r.result().outcome(),
                    r.result().duration().toMillis(), r.crossTalk().isEmpty() ? "" : " CROSS-TALK with " + r.crossTalk()));
            System.out.printf(Locale.ROOT, "%d parallel deploys (after %d parallel first deploys) in %d ms wall time: %s; runs with cross-talk: %d; logs in %s%n",
                    count, count, millis, outcomes, crossTalk, logs);
            if (crossTalk > 0) {
                System.exit(1);
            }
        }
    }
}
