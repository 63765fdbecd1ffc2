package io.mlship.core.scan;

/** One layer as the scan saw it: its blob, its regular files and their total size. */
public record LayerSummary(int index, String blob, long files, long bytes) {
}
