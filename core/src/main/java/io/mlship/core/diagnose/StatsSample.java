package io.mlship.core.diagnose;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.StatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.ThrottlingDataConfig;
import java.time.Instant;
import java.util.Optional;

/**
 * One Docker stats sample in cAdvisor's terms: the working set is the usage minus the inactive file pages
 * (what the kernel can drop before it kills), as cAdvisor and the kubelet compute it.
 */
final class StatsSample {

    private StatsSample() {
    }

    static Optional<DockerStatsSampler.Sample> of(Statistics s) {
        MemoryStatsConfig memory = s.getMemoryStats();
        CpuStatsConfig cpu = s.getCpuStats();
        if (memory == null || memory.getUsage() == null || cpu == null || cpu.getCpuUsage() == null || s.getRead() == null) {
            return Optional.empty(); // the daemon sends an empty sample once the container is gone
        }
        ThrottlingDataConfig throttling = cpu.getThrottlingData();
        return Optional.of(new DockerStatsSampler.Sample(Instant.parse(s.getRead()), workingSet(memory),
                nz(cpu.getCpuUsage().getTotalUsage()), throttling == null ? 0 : nz(throttling.getPeriods()),
                throttling == null ? 0 : nz(throttling.getThrottledPeriods()), nz(memory.getLimit()),
                cpu.getOnlineCpus() == null ? 0 : cpu.getOnlineCpus().intValue()));
    }

    /** usage − inactive_file (cgroup v1 total_inactive_file, v2 inactive_file), never below 0. */
    static long workingSet(MemoryStatsConfig memory) {
        long usage = nz(memory.getUsage());
        StatsConfig stats = memory.getStats();
        long inactive = 0;
        if (stats != null) {
            inactive = stats.getTotalInactiveFile() != null ? stats.getTotalInactiveFile() : nz(stats.getInactiveFile());
        }
        return Math.max(0, usage - inactive);
    }

    private static long nz(Long value) {
        return value == null ? 0 : value;
    }
}
