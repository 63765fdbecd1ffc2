package io.mlship.core.scan.source;

import io.mlship.core.scan.layer.LayerContent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One pass over an image archive (docker-archive or OCI layout): its small JSON documents (manifests,
 * index, config), every layer blob already analyzed, blobs that are not readable layers with why, and
 * links between entry names (newer {@code docker save} links {@code <id>/layer.tar} to {@code blobs/sha256/…}).
 */
public final class ImageArchive {

    final Map<String, byte[]> documents = new LinkedHashMap<>();
    final Map<String, LayerContent> layers = new LinkedHashMap<>();
    final Map<String, String> notLayers = new LinkedHashMap<>();
    final Map<String, String> links = new LinkedHashMap<>();
    long bytesRead;

    Optional<byte[]> document(String name) {
        return Optional.ofNullable(documents.get(resolve(name)));
    }

    String resolve(String name) {
        String current = name;
        for (int hops = 0; hops < 8 && links.containsKey(current); hops++) {
            current = links.get(current);
        }
        return current;
    }

    /** The analyzed layer stored under this entry name (following links), or null. */
    public LayerContent layer(String name) {
        return layers.get(resolve(name));
    }

    /** Why the blob named in the manifest is not a scanned layer. */
    public String whyNotALayer(String name) {
        String reason = notLayers.get(resolve(name));
        if (reason != null) {
            return "is " + reason;
        }
        return documents.containsKey(resolve(name)) ? "is JSON, not a layer" : "is missing from the archive";
    }

    public long bytesRead() {
        return bytesRead;
    }
}
