package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the memory went: the container's processes grouped by command, a parent with children of the same command
 * being a master and its workers ("4 gunicorn workers × 180 MiB + master 40 MiB"), so the advice can be fewer
 * workers as well as a larger limit.
 */
final class MemoryBreakdown {

    private MemoryBreakdown() {
    }

    static String summary(List<ProcessMemory> processes) {
        if (processes.isEmpty()) {
            return "no processes (the container is not running)";
        }
        List<String> parts = new ArrayList<>();
        groups(processes).forEach((command, group) -> parts.add(describe(command, group)));
        return String.join(" + ", parts);
    }

    /** "fewer workers" when one command runs several workers. */
    static Optional<String> hint(List<ProcessMemory> processes) {
        // the command whose workers hold the most memory
        String best = null;
        long bestTotal = 0;
        int count = 0;
        String kind = "workers";
        for (Map.Entry<String, List<ProcessMemory>> e : groups(processes).entrySet()) {
            List<ProcessMemory> workers = workers(e.getValue()).isEmpty() ? e.getValue() : workers(e.getValue());
            long total = workers.stream().mapToLong(p -> p.rss().bytes()).sum();
            if (workers.size() >= 2 && total > bestTotal) {
                best = e.getKey();
                bestTotal = total;
                count = workers.size();
                kind = workers(e.getValue()).isEmpty() ? "processes" : "workers";
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        long each = bestTotal / count;
        return Optional.of(count + " " + best + " " + kind + " at about " + Quantities.memory(each)
                + " each: every one fewer saves about " + Quantities.memory(each) + ", an alternative to a larger limit");
    }

    private static Map<String, List<ProcessMemory>> groups(List<ProcessMemory> processes) {
        return processes.stream().collect(Collectors.groupingBy(ProcessMemory::command, LinkedHashMap::new, Collectors.toList()));
    }

    /** The processes whose parent runs the same command: workers of a master. */
    private static List<ProcessMemory> workers(List<ProcessMemory> group) {
        Set<Long> pids = group.stream().map(ProcessMemory::pid).collect(Collectors.toSet());
        List<ProcessMemory> workers = group.stream().filter(p -> pids.contains(p.parentPid())).toList();
        return workers;
    }

    private static String describe(String command, List<ProcessMemory> group) {
        List<ProcessMemory> workers = workers(group);
        if (group.size() == 1 || workers.isEmpty()) {
            return group.size() + " × " + command + " " + mib(group.stream().mapToLong(p -> p.rss().bytes()).sum() / group.size())
                    + (group.size() > 1 ? " each" : "");
        }
        long each = workers.stream().mapToLong(p -> p.rss().bytes()).sum() / workers.size();
        String text = workers.size() + " " + command + " workers × " + mib(each);
        List<ProcessMemory> masters = group.stream().filter(p -> !workers.contains(p)).toList();
        for (ProcessMemory master : masters) {
            text += " + master " + mib(master.rss().bytes());
        }
        return text;
    }

    private static String mib(long bytes) {
        return new MemorySize(bytes).toString();
    }
}
