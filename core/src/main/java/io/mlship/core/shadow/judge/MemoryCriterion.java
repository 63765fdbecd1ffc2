package io.mlship.core.shadow.judge;

/**
 * The candidate's memory peak against its limit: {@code peakQuery} must return bytes (e.g.
 * {@code max_over_time(container_memory_working_set_bytes{name="..."}[10m])} from a cAdvisor-style exporter).
 */
public record MemoryCriterion(String peakQuery, long limitBytes, double maxShare) {
}
