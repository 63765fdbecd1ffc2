package io.mlship.core.diagnose;

import io.mlship.core.common.MemorySize;
import java.util.LinkedHashMap;
import java.util.Map;

/** One process inside the container and its resident memory (RSS), as `docker top`/ps reports it. */
public record ProcessMemory(long pid, long parentPid, MemorySize rss, String command, String arguments) {

    public Map<String, Object> toReport() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pid", pid);
        map.put("ppid", parentPid);
        map.put("rssBytes", rss.bytes());
        map.put("rss", Quantities.memory(rss.bytes()));
        map.put("command", command);
        map.put("args", arguments);
        return map;
    }
}
