package io.mlship.core.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.WaitResponse;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.report.JsonReport;
import io.mlship.core.common.MemorySize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnoses real containers on the real Docker daemon: the kernel's OOM killer at a real memory limit, a real
 * SIGKILL, real CFS throttling. The workloads are busybox's dd (which touches a buffer of the given size) and sh;
 * every container has a unique name and is removed afterwards (the daemon is shared).
 */
class DockerDiagnoseTest {

    static final String IMAGE = "mlship/base:busybox";
    static DockerClient docker;

    private final List<String> created = new ArrayList<>();
    private final List<String> console = new ArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
    }

    @AfterAll
    static void close() throws Exception {
        docker.close();
    }

    @AfterEach
    void removeContainers() {
        for (String name : created) {
            try {
                docker.removeContainerCmd(name).withForce(true).exec();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    @Test
    void aContainerKilledAtItsLimitIsOomKilledAndTheRecommendationHoldsWhenRunUnderIt() throws Exception {
        String name = run(MemorySize.ofMebibytes(32), 0, "dd if=/dev/zero of=/dev/null bs=48M count=1");
        awaitExit(name);

        Diagnosis alone = diagnose(name, null);
        assertThat(alone.verdict()).isEqualTo(Verdict.OOM_KILLED);
        assertThat(alone.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("State.OOMKilled = true"));
        assertThat(alone.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("State.ExitCode = 137"));
        // KRR's rule: the limit at the kill × 1.25
        assertThat(alone.recommendation().memory()).contains("40Mi");
        assertThat(alone.recommendation().memoryRule()).contains("limit at the OOM kill 32Mi × 1.25 = 40Mi");

        // verify's measuring run: the same workload under a generous limit, its peak folded in
        MemorySize peak = peakOf(run(MemorySize.ofMebibytes(256), 0, "dd if=/dev/zero of=/dev/null bs=48M count=1; sleep 3"));
        Diagnosis withPeak = diagnose(name, peak);
        assertThat(withPeak.verdict()).isEqualTo(Verdict.OOM_KILLED);
        long limit = withPeak.recommendation().memoryBytes().orElseThrow();
        assertThat(limit).isGreaterThan(MemorySize.ofMebibytes(40).bytes());

        // the same workload under the recommended limit: not killed, peak within 85%
        String rerun = run(new MemorySize(limit), 0, "dd if=/dev/zero of=/dev/null bs=48M count=1; sleep 3");
        MemorySize rerunPeak = peakOf(rerun);
        assertThat(docker.inspectContainerCmd(rerun).exec().getState().getOOMKilled()).isFalse();
        assertThat(docker.inspectContainerCmd(rerun).exec().getState().getExitCodeLong()).isZero();
        assertThat(rerunPeak.bytes()).isLessThanOrEqualTo((long) (limit * 0.85));
    }

    @Test
    void aWorkerKilledInsideALivingContainerIsChildOom() throws Exception {
        String name = run(MemorySize.ofMebibytes(32), 0, "dd if=/dev/zero of=/dev/null bs=48M count=1; echo worker exit $?; sleep 300");
        awaitLog(name, "worker exit 137");

        Diagnosis d = diagnose(name, null);
        assertThat(d.verdict()).isEqualTo(Verdict.CHILD_OOM);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).isEqualTo("cgroup (exec cat): oom_kill = 1"));
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("State.OOMKilled = false"));
        assertThat(d.processes()).extracting(ProcessMemory::command).contains("sleep");
        assertThat(d.recommendation().memory()).contains("40Mi");
    }

    @Test
    void aKillSignalWithoutOomIsSigkillNotOom() throws Exception {
        String name = run(MemorySize.ofMebibytes(64), 0, "sleep 300");
        docker.killContainerCmd(name).withSignal("KILL").exec();
        awaitExit(name);

        Diagnosis d = diagnose(name, null);
        assertThat(d.verdict()).isEqualTo(Verdict.SIGKILL_NOT_OOM);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("State.ExitCode = 137"));
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).contains("State.OOMKilled = false"));
        // no OOM and no history: nothing to recommend, said so
        assertThat(d.recommendation().memory()).isEmpty();
        assertThat(d.recommendation().memoryStatus()).isEqualTo(Recommendation.NO_DATA);
    }

    @Test
    void aBusyLoopUnderATenthOfACpuIsThrottledAndUnderTwoCpusIsNot() throws Exception {
        String small = run(MemorySize.ofMebibytes(64), 100_000_000L, "while :; do :; done");
        String large = run(MemorySize.ofMebibytes(64), 2_000_000_000L, "while :; do :; done");

        Diagnosis throttled = diagnose(small, null, Duration.ofSeconds(4));
        assertThat(throttled.verdict()).isEqualTo(Verdict.CPU_THROTTLED);
        assertThat(throttled.recommendation().cpuLimit()).isPresent();
        assertThat(throttled.recommendation().cpuLimitRule()).contains("throttled");

        Diagnosis free = diagnose(large, null, Duration.ofSeconds(4));
        assertThat(free.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(free.recommendation().cpuLimit()).isEmpty();
        // a few seconds of samples are not enough for KRR's rule: said so, never 0
        assertThat(free.recommendation().memoryStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
        assertThat(free.recommendation().cpuStatus()).isEqualTo(Recommendation.NOT_ENOUGH_DATA);
        assertThat(free.recommendation().lines().get(0)).contains("not enough data");
    }

    @Test
    void theMemoryIsBrokenDownByProcessWithWorkersAndTheirMaster() throws Exception {
        String name = run(MemorySize.ofMebibytes(256), 0,
                "for i in 1 2 3 4; do dd if=/dev/zero bs=16M count=1 | sleep 300 & done; wait");
        awaitProcesses(name, "dd", 4);

        Diagnosis d = diagnose(name, null, Duration.ofSeconds(2));
        assertThat(d.processes()).filteredOn(p -> p.command().equals("dd")).hasSize(4)
                .allSatisfy(p -> assertThat(p.rss().bytes()).isGreaterThan(MemorySize.ofMebibytes(16).bytes()));
        // four dd copies, none the parent of another: no master, four of a kind
        assertThat(d.memoryBreakdown()).containsPattern("4 × dd 1[67]\\.\\d MiB each").contains("1 × sh ");
        assertThat(d.recommendation().hints()).anySatisfy(h -> assertThat(h).startsWith("4 dd processes at about 1"));
        Path report = temp.resolve(Diagnosis.REPORT_NAME);
        assertThat(Files.readString(report)).contains("\"verdict\" : \"HEALTHY\"", "\"processMemory\"", "\"rssBytes\"");
    }

    /** A model server's shape: gunicorn, four workers each loading its own copy of a 40 MiB model after the fork. */
    static final String GUNICORN = "cat > /tmp/app.py <<'EOF'\n"
            + "import numpy\n"
            + "weights = numpy.ones(40 * 1024 * 1024 // 8)\n"
            + "def app(environ, start_response):\n"
            + "    start_response('200 OK', [('Content-Type', 'text/plain')])\n"
            + "    return [b'ok']\n"
            + "EOF\n"
            + "exec gunicorn --chdir /tmp --workers 4 --bind 127.0.0.1:8080 app:app";

    @Test
    void aGunicornModelServerIsBrokenDownIntoWorkersAndMaster() throws Exception {
        String name = runImage(pythonImage(), MemorySize.ofMebibytes(768), GUNICORN);
        awaitProcesses(name, "gunicorn", 5);
        awaitWorkersLoaded(name);

        Diagnosis d = diagnose(name, null);
        assertThat(d.verdict()).isEqualTo(Verdict.HEALTHY);
        assertThat(d.memoryBreakdown()).containsPattern("4 gunicorn workers × \\d+\\.\\d MiB \\+ master \\d+\\.\\d MiB");
        assertThat(d.recommendation().hints()).anySatisfy(h -> assertThat(h).startsWith("4 gunicorn workers at about"));
    }

    @Test
    void aGunicornWorkerKilledAtTheLimitWhileTheMasterLivesIsChildOom() throws Exception {
        // four workers of about 70 MiB do not fit in 160 MiB: the kernel kills workers, the master lives and respawns them
        String name = runImage(pythonImage(), MemorySize.ofMebibytes(160), GUNICORN);
        awaitOomKill(name);

        Diagnosis d = diagnose(name, null);
        assertThat(d.verdict()).isEqualTo(Verdict.CHILD_OOM);
        assertThat(d.evidence()).anySatisfy(e -> assertThat(e.toString()).matches("cgroup \\(exec cat\\): oom_kill = [1-9]\\d*"));
        assertThat(d.recommendation().memory()).contains("200Mi"); // 160Mi × 1.25
    }

    /** The real Python base image (Debian's python3, numpy, gunicorn), built by the real-models work's scripts. */
    private static String pythonImage() {
        try {
            docker.inspectImageCmd("mlship/base:python").exec();
        } catch (RuntimeException e) {
            throw new AssertionError("mlship/base:python is not on the Docker daemon; it is built by `scripts/services start`"
                    + " (scripts/debian-image) once the real-models branch is merged");
        }
        return "mlship/base:python";
    }

    private void awaitOomKill(String name) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            var exec = docker.execCreateCmd(name).withAttachStdout(true).withCmd("cat", "/sys/fs/cgroup/memory/memory.oom_control").exec();
            StringBuilder out = new StringBuilder();
            docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame f) {
                    out.append(new String(f.getPayload()));
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
            if (out.toString().matches("(?s).*oom_kill [1-9].*")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + ": the kernel never OOM-killed a worker");
    }

    private void awaitWorkersLoaded(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String[][] rows = docker.topContainerCmd(name).withPsArgs("-o pid,rss,comm").exec().getProcesses();
            long loaded = java.util.Arrays.stream(rows).filter(r -> r[2].strip().equals("gunicorn"))
                    .filter(r -> Long.parseLong(r[1].strip()) > 40 * 1024).count();
            if (loaded >= 4) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError(name + ": four gunicorn workers never loaded their model");
    }

    @Test
    void anUnknownOrRemovedContainerIsAClearError() {
        String name = "mlship-diag-gone-" + UUID.randomUUID().toString().substring(0, 8);
        assertThatThrownBy(() -> diagnose(name, null))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("no container `" + name + "`").hasMessageContaining("docker ps -a");
        String removed = run(MemorySize.ofMebibytes(32), 0, "true");
        docker.removeContainerCmd(removed).withForce(true).exec();
        assertThatThrownBy(() -> diagnose(removed, null)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("was removed");
    }

    private Diagnosis diagnose(String name, MemorySize verifyPeak) {
        return diagnose(name, verifyPeak, Duration.ofSeconds(2));
    }

    private Diagnosis diagnose(String name, MemorySize verifyPeak, Duration duration) {
        DiagnoseRequest request = DiagnoseRequest.builder().target(DiagnoseTarget.DOCKER).name(name).duration(duration)
                .verifyPeak(verifyPeak).report(temp.resolve(Diagnosis.REPORT_NAME)).build();
        Diagnosis d = DiagnoseService.onDocker(docker).run(request, console::add);
        JsonReport.write(d.toReport(), temp.resolve("last.json"));
        return d;
    }

    private String runImage(String image, MemorySize memory, String script) {
        String name = "mlship-diag-" + UUID.randomUUID().toString().substring(0, 8);
        docker.createContainerCmd(image).withName(name)
                .withHostConfig(HostConfig.newHostConfig().withMemory(memory.bytes()).withMemorySwap(memory.bytes()))
                .withCmd("sh", "-c", script).exec();
        created.add(name);
        docker.startContainerCmd(name).exec();
        return name;
    }

    /** Runs busybox sh -c script under the limits; nanoCpus 0 = no CPU limit. */
    private String run(MemorySize memory, long nanoCpus, String script) {
        String name = "mlship-diag-" + UUID.randomUUID().toString().substring(0, 8);
        HostConfig host = HostConfig.newHostConfig().withMemory(memory.bytes()).withMemorySwap(memory.bytes());
        if (nanoCpus > 0) {
            host.withNanoCPUs(nanoCpus);
        }
        docker.createContainerCmd(IMAGE).withName(name).withHostConfig(host).withCmd("sh", "-c", script).exec();
        created.add(name);
        docker.startContainerCmd(name).exec();
        return name;
    }

    private void awaitExit(String name) throws InterruptedException {
        docker.waitContainerCmd(name).exec(new ResultCallback.Adapter<WaitResponse>()).awaitCompletion(60, TimeUnit.SECONDS);
    }

    private void awaitLog(String name, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            StringBuilder logs = new StringBuilder();
            docker.logContainerCmd(name).withStdOut(true).withStdErr(true).exec(new ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                @Override
                public void onNext(com.github.dockerjava.api.model.Frame f) {
                    logs.append(new String(f.getPayload()));
                }
            }).awaitCompletion(5, TimeUnit.SECONDS);
            if (logs.toString().contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " never logged " + text);
    }

    private void awaitProcesses(String name, String command, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String[][] rows = docker.topContainerCmd(name).withPsArgs("-o pid,comm").exec().getProcesses();
            long n = java.util.Arrays.stream(rows).filter(r -> r[1].strip().equals(command)).count();
            if (n >= count) {
                Thread.sleep(500); // let them touch their buffers
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(name + " never ran " + count + " " + command);
    }

    /** The cgroup's memory high-water mark (max_usage, cgroup v1), read while the container still runs its sleep. */
    private MemorySize peakOf(String name) throws InterruptedException {
        AtomicLong peak = new AtomicLong();
        Thread.sleep(1500);
        ResultCallback.Adapter<Statistics> stats = docker.statsCmd(name).withNoStream(true).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics s) {
                if (s.getMemoryStats() != null && s.getMemoryStats().getMaxUsage() != null) {
                    peak.accumulateAndGet(s.getMemoryStats().getMaxUsage(), Math::max);
                }
            }
        });
        stats.awaitCompletion(10, TimeUnit.SECONDS);
        awaitExit(name);
        assertThat(peak.get()).as("max_usage of " + name).isPositive();
        return new MemorySize(peak.get());
    }
}
