package io.mlship.plugin.cli;

import java.util.UUID;

/**
 * Where one step's CLI run writes its logs and reports, relative to the workspace:
 * {@code .mlship/jenkins/<kind>-<build>-<id>}. Unique per step run, so parallel branches of one pipeline in one
 * workspace never share a folder; inside the workspace, so the complete logs can be archived as artifacts.
 */
public final class RunFolder {

    public static final String ROOT = ".mlship/jenkins";

    private RunFolder() {
    }

    public static String next(String kind, String buildNumber) {
        String build = buildNumber == null || buildNumber.isBlank() ? "0" : buildNumber.replaceAll("[^A-Za-z0-9_.-]", "_");
        return ROOT + "/" + kind + "-" + build + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
