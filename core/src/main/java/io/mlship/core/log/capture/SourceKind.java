package io.mlship.core.log.capture;

/** Where a captured source's lines come from; shown in the index and the summary. */
public enum SourceKind {
    /** Docker image build output. */
    BUILD,
    /** Docker container logs. */
    CONTAINER,
    /** Kubernetes pod logs (one source per container and instance). */
    POD,
    /** Kubernetes events. */
    EVENTS,
    /** Any input stream (standard input of {@code mlship logs capture}, a process's output). */
    STREAM,
    /** Objects as applied or read back (YAML), kept as evidence. */
    OBJECTS
}
