package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Without Prometheus, mlship samples the container's stats itself (about one sample a second) for the requested
 * duration: working set, CPU usage rate between samples, throttled periods.
 */
final class DockerStatsSampler {

    static final String SOURCE = "docker stats";

    private DockerStatsSampler() {
    }

    record Sample(Instant read, long workingSet, long cpuNanos, long periods, long throttledPeriods, long limit, int cpus) {
    }

    static void sample(DockerClient docker, DockerContainer container, Duration duration, Observations o) {
        List<Sample> samples = new ArrayList<>();
        ResultCallback.Adapter<Statistics> stream = docker.statsCmd(container.id()).withNoStream(false).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics s) {
                StatsSample.of(s).ifPresent(sample -> {
                    synchronized (samples) {
                        samples.add(sample);
                    }
                });
            }
        });
        try {
            stream.awaitCompletion(duration.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                stream.close();
            } catch (IOException ignored) {
                // the samples taken are kept
            }
        }
        List<Sample> taken;
        synchronized (samples) {
            taken = new ArrayList<>(samples);
        }
        summarize(taken, o);
    }

    static void summarize(List<Sample> samples, Observations o) {
        o.usageSource = SOURCE + " (" + samples.size() + " samples)";
        if (samples.isEmpty()) {
            o.saw(SOURCE, "samples", "none (the container stopped)");
            return;
        }
        long max = samples.stream().mapToLong(Sample::workingSet).max().orElseThrow();
        o.maxWorkingSet = Optional.of(max);
        o.memoryPoints = samples.size();
        o.span = Duration.between(samples.get(0).read(), samples.get(samples.size() - 1).read());
        o.saw(SOURCE, "max working set", Quantities.memory(max) + " (" + max + " B)");
        Sample last = samples.get(samples.size() - 1);
        if (last.limit() > 0 && o.memoryLimit.isEmpty()) {
            o.memoryLimit = Optional.of(new io.mlship.core.common.MemorySize(last.limit()));
        }
        if (last.cpus() > 0) {
            o.hostCpus = Optional.of(last.cpus());
        }
        double[] rates = new double[Math.max(0, samples.size() - 1)];
        for (int i = 1; i < samples.size(); i++) {
            double seconds = Duration.between(samples.get(i - 1).read(), samples.get(i).read()).toNanos() / 1e9;
            rates[i - 1] = seconds <= 0 ? 0 : (samples.get(i).cpuNanos() - samples.get(i - 1).cpuNanos()) / 1e9 / seconds;
        }
        if (rates.length > 0) {
            o.cpuP95 = Optional.of(Percentile.of(rates, 0.95));
            o.cpuPoints = rates.length;
            o.cpuSpan = o.span;
            o.saw(SOURCE, "CPU usage p95", String.format(Locale.ROOT, "%.4f cores", o.cpuP95.get()));
        }
        long periods = last.periods() - samples.get(0).periods();
        long throttled = last.throttledPeriods() - samples.get(0).throttledPeriods();
        if (periods > 0) {
            o.throttledRatio = Optional.of(throttled / (double) periods);
            o.saw(SOURCE, "throttled periods", throttled + " of " + periods);
        } else {
            o.saw(SOURCE, "throttled periods", "no CFS periods (no CPU limit)");
        }
    }
}
