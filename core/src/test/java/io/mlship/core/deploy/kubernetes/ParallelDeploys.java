package io.mlship.core.deploy.kubernetes;

import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.kubernetes.KubeletSimulator.Behaviour;
import io.mlship.core.deploy.service.DeployService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Deploys {@code count} different models to one mock cluster at the same time (every third one OOM-killed
 * and rolled back), each with its own console and log folder, and finds any cross-talk: a result, console
 * or evidence file of one model that names another. Used by a test and by bench/deploy-parallel.sh.
 */
public final class ParallelDeploys {

    /** One model's deploy: its result, its console, and the names of other models found in its output. */
    public record Run(String model, DeployResult result, List<String> console, List<String> crossTalk) {
    }

    private ParallelDeploys() {
    }

    public static String model(int i) {
        return "bench-model-" + String.format("%02d", i);
    }

    public static String image(int i, boolean failing) {
        return "registry.local:5000/team/" + model(i) + ":" + (failing ? "2.0.0-oom" : "1.0.0");
    }

    public static List<Run> run(MockCluster cluster, int count, Path logs) throws Exception {
        // A first, good revision of every model, so that the failing ones have something to roll back to.
        for (int i = 1; i <= count; i++) {
            cluster.kubelet.behave(image(i, true), Behaviour.OOM_KILLED);
        }
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Run>> firsts = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                firsts.add(pool.submit(deploy(cluster, i, false, logs.resolve("first-" + model(i)))));
            }
            for (Future<Run> first : firsts) {
                first.get();
            }
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                runs.add(pool.submit(deploy(cluster, i, i % 3 == 0, logs.resolve(model(i)))));
            }
            List<Run> done = new ArrayList<>();
            for (Future<Run> run : runs) {
                done.add(run.get());
            }
            return crossTalk(done, count, logs);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Callable<Run> deploy(MockCluster cluster, int i, boolean failing, Path logDirectory) {
        return () -> {
            List<String> console = new ArrayList<>();
            DeployResult result = DeployService.deploy(new DeployRequest(DeployKubernetesTest.spec(model(i), image(i, failing)),
                    logDirectory, "bench " + model(i), cluster.connection(), null), console::add);
            return new Run(model(i), result, console, List.of());
        };
    }

    private static List<Run> crossTalk(List<Run> runs, int count, Path logs) {
        List<Run> checked = new ArrayList<>();
        for (Run run : runs) {
            List<String> text = new ArrayList<>(run.console());
            text.add(run.result().object());
            text.add(run.result().image());
            run.result().failure().ifPresent(f -> text.add(f.summary()));
            try (Stream<Path> files = Files.walk(logs.resolve(run.model()))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    text.add(Files.readString(file));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> others = new ArrayList<>();
            for (int j = 1; j <= count; j++) {
                String other = model(j);
                if (!other.equals(run.model()) && text.stream().anyMatch(t -> t.contains(other))) {
                    others.add(other);
                }
            }
            checked.add(new Run(run.model(), run.result(), run.console(), others));
        }
        return checked;
    }
}
