package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.TopContainerResponse;
import io.mlship.core.common.MemorySize;
import java.util.List;

/**
 * The processes inside the running container with their RSS, from {@code docker top} (the daemon runs ps on the
 * host, so the image needs no ps of its own).
 */
final class DockerProcessEvidence {

    static final String SOURCE = "docker top";

    private DockerProcessEvidence() {
    }

    static void read(DockerClient docker, DockerContainer container, Observations o) {
        if (!container.running()) {
            return;
        }
        TopContainerResponse top;
        try {
            top = docker.topContainerCmd(container.id()).withPsArgs("-o pid,ppid,rss,comm,args").exec();
        } catch (RuntimeException e) {
            o.saw(SOURCE, "processes", "not readable (" + e.getMessage() + ")");
            return;
        }
        if (top.getProcesses() == null) {
            return;
        }
        for (String[] row : top.getProcesses()) {
            if (row.length < 4) {
                continue;
            }
            try {
                o.processes.add(new ProcessMemory(Long.parseLong(row[0].strip()), Long.parseLong(row[1].strip()),
                        new MemorySize(Long.parseLong(row[2].strip()) * 1024), row[3].strip(), row.length > 4 ? row[4].strip() : row[3].strip()));
            } catch (NumberFormatException e) {
                o.saw(SOURCE, "unreadable row", List.of(row).toString());
            }
        }
        o.saw(SOURCE, "processes", MemoryBreakdown.summary(o.processes));
    }
}
