package io.mlship.plugin;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One folder per step invocation under {@code <build>/mlship/}: the complete logs live with the build,
 * not the workspace, and parallel branches of one pipeline never share a folder.
 */
final class StepFolders {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private StepFolders() {
    }

    static Path next(Path buildDirectory, String kind) {
        return buildDirectory.resolve("mlship").resolve(kind + "-" + System.currentTimeMillis() + "-" + SEQUENCE.incrementAndGet());
    }
}
