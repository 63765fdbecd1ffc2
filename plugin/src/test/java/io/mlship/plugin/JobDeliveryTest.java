package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import io.mlship.plugin.delivery.BuildRecord;
import io.mlship.plugin.delivery.BuiltImage;
import io.mlship.plugin.delivery.DeliveryRequest;
import io.mlship.plugin.delivery.DeployRecord;
import io.mlship.plugin.delivery.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Jenkins glue reads the steps' actions of each build into the delivery logic's records, walks the job's
 * builds newest first within the window, and gives a request build its MLSHIP_* variables. Jenkins' Job and Run
 * are stood in for by subclasses of the mirror that answer only what the glue asks.
 */
class JobDeliveryTest {

    static final class FakeRun extends Run<FakeJob, FakeRun> {
        final int number;
        final List<Action> actions = new ArrayList<>();
        FakeRun previous;

        FakeRun(int number, Action... actions) {
            this.number = number;
            this.actions.addAll(List.of(actions));
        }

        @Override
        public int getNumber() {
            return number;
        }

        @Override
        public boolean isBuilding() {
            return true;
        }

        @Override
        public Result getResult() {
            return null;
        }

        @Override
        public FakeRun getPreviousBuild() {
            return previous;
        }

        @Override
        public <T extends Action> List<T> getActions(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).toList();
        }

        @Override
        public <T extends Action> T getAction(Class<T> type) {
            return getActions(type).stream().findFirst().orElse(null);
        }

        @Override
        public int compareTo(FakeRun o) {
            return Integer.compare(number, o.number);
        }

        @Override
        public String getDisplayName() {
            return "#" + number;
        }
    }

    static final class FakeJob extends Job<FakeJob, FakeRun> {
        FakeRun last;

        @Override
        public FakeRun getLastBuild() {
            return last;
        }

        @Override
        public String getDisplayName() {
            return "iris";
        }
    }

    @Test
    void theStepsActionsBecomeTheBuildsRecordInOrder() {
        FakeRun run = new FakeRun(7,
                new BuildImageAction("iris-model:7", "sha256:id", "build.log", "provenance.json", "r:5000/iris-model:7", "sha256:aa",
                        "c0ffee", List.of()),
                new VerifyImageAction("iris-model:7", true, "128.0 MiB", "80.0 MiB", null, List.of(), "container.log"),
                new ScanImageAction("iris-model:7", false, "high", "12 packages, 1 vulnerabilities (1 high)", List.of("CVE-1"),
                        List.of(), "scan.json", "scan.sarif", "scan.html"),
                new DeployAction("docker", "iris", "r:5000/iris-model:7", "DEPLOYED", true, null, null, "/ev"),
                new DeliveryRequestAction(new DeliveryRequest(DeliveryRequest.Kind.PROMOTE, 5, "r:5000/iris-model@sha256:bb", null, null)));

        BuildRecord record = JobDelivery.record(run);

        assertThat(record.number()).isEqualTo(7);
        assertThat(record.building()).isTrue();
        assertThat(record.result()).isNull();
        assertThat(record.images()).containsExactly(new BuiltImage("iris-model:7", "r:5000/iris-model:7", "sha256:aa", "c0ffee", "provenance.json"));
        assertThat(record.verifications()).containsExactly(new Verdict("iris-model:7", true, "peak 80.0 MiB of 128.0 MiB"));
        assertThat(record.scans()).containsExactly(new Verdict("iris-model:7", false, "12 packages, 1 vulnerabilities (1 high)"));
        assertThat(record.deploys()).containsExactly(new DeployRecord("docker", "iris", "r:5000/iris-model:7", "DEPLOYED"));
        assertThat(record.request().sourceBuild()).isEqualTo(5);
        assertThat(record.ranMlship()).isTrue();
    }

    @Test
    void recentBuildsAreNewestFirstWithinTheWindow() {
        FakeJob job = new FakeJob();
        FakeRun older = null;
        for (int n = 1; n <= 60; n++) {
            FakeRun run = new FakeRun(n);
            run.previous = older;
            older = run;
        }
        job.last = older;

        List<BuildRecord> recent = JobDelivery.recent(job, 50);

        assertThat(recent).hasSize(50);
        assertThat(recent.get(0).number()).isEqualTo(60);
        assertThat(recent.get(49).number()).isEqualTo(11);
        assertThat(recent).noneMatch(BuildRecord::ranMlship);
        assertThat(JobDelivery.recent(new FakeJob(), 50)).isEmpty();
    }

    @Test
    void aRequestBuildGetsTheMlshipVariablesAndOtherBuildsNone() {
        Map<String, String> seen = new LinkedHashMap<>();
        EnvVars env = new EnvVars() {
            @Override
            public String put(String key, String value) {
                return seen.put(key, value);
            }
        };
        DeliveryEnvironment contributor = new DeliveryEnvironment();

        contributor.buildEnvironmentFor(new FakeRun(3), env, null);
        assertThat(seen).isEmpty();

        contributor.buildEnvironmentFor(new FakeRun(4, new DeliveryRequestAction(
                new DeliveryRequest(DeliveryRequest.Kind.ROLLBACK, 2, "r:5000/iris-model:2", "docker", "iris"))), env, null);
        assertThat(seen).containsExactly(Map.entry("MLSHIP_REQUEST", "rollback"), Map.entry("MLSHIP_SOURCE_BUILD", "2"),
                Map.entry("MLSHIP_IMAGE", "r:5000/iris-model:2"), Map.entry("MLSHIP_TARGET", "docker"));
    }
}
