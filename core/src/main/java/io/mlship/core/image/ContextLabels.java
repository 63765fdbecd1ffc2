package io.mlship.core.image;

import io.mlship.core.common.FileDigest;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Image labels that depend on bytes of the build context (model file digests). The builder computes
 * the digests while it streams the context to the daemon, in the same single read, and asks for the
 * labels only then; the Dockerfile that carries them is the archive's last entry.
 *
 * @param filesToDigest context-relative paths whose sha256 the labels need
 * @param labels        from those digests (by path) to the labels
 */
public record ContextLabels(Set<String> filesToDigest, Function<Map<String, FileDigest>, Map<String, String>> labels) {

    public static final ContextLabels NONE = new ContextLabels(Set.of(), digests -> Map.of());
}
