package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies what the build page shows from a run folder in the workspace into the build's folder on the controller:
 * reports and the capture's index files whole (each up to {@link #FILE_LIMIT}), of each {@code .log} only its last
 * {@link #TAIL_BYTES} (as {@code NAME.log.tail}), and nothing past {@link #TOTAL_LIMIT} in all. The complete logs stay
 * in the workspace, where {@code archiveArtifacts '.mlship/jenkins/**'} keeps them if the user wants them.
 */
public final class ResultCapture {

    static final long FILE_LIMIT = 16L << 20;
    static final long TAIL_BYTES = 64L << 10;
    static final long TOTAL_LIMIT = 64L << 20;

    private ResultCapture() {
    }

    /** What was copied, and what was left in the workspace and why. */
    public record Copied(List<String> files, List<String> skipped) {
    }

    public static Copied copy(AgentPath runFolder, Path target) throws IOException, InterruptedException {
        List<String> copied = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        long total = 0;
        for (String name : runFolder.files()) {
            AgentPath file = runFolder.child(name);
            long length = file.length();
            boolean tail = name.endsWith(".log");
            if (!tail && !shown(name)) {
                continue;
            }
            long bytes = tail ? Math.min(length, TAIL_BYTES) : length;
            if (!tail && length > FILE_LIMIT) {
                skipped.add(name + " (" + length + " bytes, over the " + FILE_LIMIT + " per file)");
                continue;
            }
            if (total + bytes > TOTAL_LIMIT) {
                skipped.add(name + " (the " + TOTAL_LIMIT + " bytes copied per step are used up)");
                continue;
            }
            Path out = target.resolve(tail ? name + ".tail" : name).normalize();
            if (!out.startsWith(target)) {
                skipped.add(name + " (outside the run folder)");
                continue;
            }
            Files.createDirectories(out.getParent());
            try (InputStream in = file.read(); OutputStream o = Files.newOutputStream(out)) {
                in.skipNBytes(length - bytes);
                copyExactly(in, o, bytes);
            }
            total += bytes;
            copied.add(tail ? name + ".tail" : name);
        }
        return new Copied(copied, skipped);
    }

    private static boolean shown(String name) {
        return name.endsWith(".json") || name.endsWith(".sarif") || name.endsWith(".html") || name.endsWith(".tsv");
    }

    private static void copyExactly(InputStream in, OutputStream out, long bytes) throws IOException {
        byte[] buffer = new byte[64 << 10];
        long left = bytes;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                break; // the file shrank since its length was read: keep what there is
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
