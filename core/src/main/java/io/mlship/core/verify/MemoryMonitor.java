package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import io.mlship.core.common.MemorySize;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Follows a container's memory through the Docker stats API for as long as it runs. The peak is
 * the kernel's own high-water mark of the memory cgroup ({@code max_usage}, cgroup v1) where the
 * daemon reports it, so a spike between two one-second samples is not missed; on cgroup v2 it is
 * the highest sampled usage.
 */
final class MemoryMonitor implements Closeable {

    /** An hour of one-second samples; a verification's ready timeout is far shorter. */
    static final int MAX_SERIES = 3600;

    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong last = new AtomicLong();
    private final AtomicInteger samples = new AtomicInteger();
    private final ResultCallback.Adapter<Statistics> stream;
    private final long startedNanos = System.nanoTime();
    /** Usage over time for the report's chart; Docker sends one sample a second, so a run's series stays small. */
    private final List<MemorySample> series = new ArrayList<>();

    private MemoryMonitor(DockerClient docker, String containerId) {
        this.stream = docker.statsCmd(containerId).withNoStream(false).exec(new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                record(statistics.getMemoryStats());
            }
        });
    }

    static MemoryMonitor follow(DockerClient docker, String containerId) {
        return new MemoryMonitor(docker, containerId);
    }

    private void record(MemoryStatsConfig memory) {
        if (memory == null || memory.getUsage() == null) {
            return; // the daemon sends an empty sample once the container is gone
        }
        samples.incrementAndGet();
        last.set(memory.getUsage());
        synchronized (series) {
            if (series.size() < MAX_SERIES) {
                series.add(new MemorySample((System.nanoTime() - startedNanos) / 1_000_000, memory.getUsage()));
            }
        }
        long highWater = memory.getMaxUsage() != null ? Math.max(memory.getMaxUsage(), memory.getUsage()) : memory.getUsage();
        peak.accumulateAndGet(highWater, Math::max);
    }

    MemorySize peak() {
        return new MemorySize(peak.get());
    }

    MemorySize lastUsage() {
        return new MemorySize(last.get());
    }

    List<MemorySample> series() {
        synchronized (series) {
            return List.copyOf(series);
        }
    }

    int sampleCount() {
        return samples.get();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
