package io.mlship.core.scan.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlship.core.common.MemorySize;
import io.mlship.core.scan.HygieneFinding;
import io.mlship.core.scan.LargeFile;
import io.mlship.core.scan.LayerSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Image habits from the config and the layers: root user, HEALTHCHECK, size budget, largest parts, caches. */
final class HygieneCheck {

    private HygieneCheck() {
    }

    static List<HygieneFinding> check(JsonNode config, ImageInventory inventory, long sizeBudget) {
        List<HygieneFinding> findings = new ArrayList<>();
        JsonNode c = config.has("config") ? config.path("config") : config.path("Config");
        String user = c.path("User").asText("").strip();
        if (user.isEmpty() || user.equals("root") || user.equals("0") || user.startsWith("root:") || user.startsWith("0:")) {
            findings.add(new HygieneFinding("runs-as-root", "the image runs as root (User is "
                    + (user.isEmpty() ? "not set" : "`" + user + "`") + "); add `USER 1000` or a named user to the Dockerfile"));
        }
        JsonNode health = c.path("Healthcheck");
        if (health.isMissingNode() || health.isNull() || health.path("Test").path(0).asText("").equals("NONE")) {
            findings.add(new HygieneFinding("no-healthcheck", "the image has no HEALTHCHECK; add one (e.g. on the "
                    + "KServe readiness path) so Docker and orchestrators can tell a hung server"));
        }
        if (inventory.imageBytes() > sizeBudget) {
            findings.add(new HygieneFinding("over-size-budget", "the image holds " + new MemorySize(inventory.imageBytes())
                    + " of files, over the budget of " + new MemorySize(sizeBudget)
                    + "; see the largest layers and files below"));
        }
        inventory.layers().stream().max(Comparator.comparingLong(LayerSummary::bytes)).filter(l -> l.bytes() > 0)
                .ifPresent(l -> findings.add(new HygieneFinding("largest-layer", "largest layer: " + l.index() + " ("
                        + new MemorySize(l.bytes()) + ", " + l.files() + " files)")));
        if (!inventory.largestFiles().isEmpty()) {
            LargeFile f = inventory.largestFiles().get(0);
            findings.add(new HygieneFinding("largest-file", "largest file: " + f.path() + " (" + new MemorySize(f.bytes())
                    + ", layer " + f.layer() + ")"));
        }
        for (Map.Entry<String, long[]> cache : inventory.cachesByKind().entrySet()) {
            findings.add(new HygieneFinding("package-cache", cache.getKey() + " left in the image: "
                    + cache.getValue()[0] + " files, " + new MemorySize(cache.getValue()[1])
                    + "; clean it in the same RUN that fills it (deleting it in a later layer does not shrink the image)"));
        }
        return findings;
    }
}
