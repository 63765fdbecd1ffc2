package io.mlship.core.verify;

/** One Docker stats sample of the verification container: its memory usage {@code atMillis} after monitoring began. */
public record MemorySample(long atMillis, long bytes) {
}
