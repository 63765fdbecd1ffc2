package io.mlship.core.scan;

/** One of the largest files of the image, for the hygiene section. */
public record LargeFile(String path, int layer, long bytes) {
}
