package io.mlship.core.scan.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which blobs are the image's layers, bottom first, and which is its config: from {@code manifest.json}
 * (docker-archive, also written by newer {@code docker save}) or else {@code index.json} → manifest blob
 * (OCI image layout). Layers of an unknown media type are listed as skipped, not guessed at.
 *
 * @param layers     archive entry names of the layer blobs, bottom first
 * @param skipped    what the scan leaves out by choice (the other images of a multi-image archive)
 * @param notScanned layers the scan cannot read (unknown media type, no layers listed), each with the reason;
 *                   the scan fails closed on them
 */
public record ImageManifest(String name, JsonNode config, List<String> layers, List<String> skipped,
                            List<String> notScanned) {

    static final Set<String> LAYER_MEDIA_TYPES = Set.of(
            "application/vnd.oci.image.layer.v1.tar",
            "application/vnd.oci.image.layer.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.diff.tar",
            "application/vnd.docker.image.rootfs.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");
    private static final Set<String> MANIFEST_MEDIA_TYPES = Set.of(
            "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json");

    public static ImageManifest of(ImageArchive archive, String source) {
        try {
            if (archive.document("manifest.json").isPresent()) {
                return dockerArchive(archive, source);
            }
            if (archive.document("index.json").isPresent()) {
                return ociLayout(archive, source);
            }
        } catch (IOException e) {
            throw new MlshipException("the manifest of " + source + " is not valid JSON (" + e.getMessage()
                    + "); export the image again", e);
        }
        throw new MlshipException(source + " is not an image archive: it has neither manifest.json (docker save) nor "
                + "index.json (OCI layout); pass a file written by `docker save` or an OCI image layout tar");
    }

    private static ImageManifest dockerArchive(ImageArchive archive, String source) throws IOException {
        JsonNode manifest = JsonTree.read(archive.document("manifest.json").orElseThrow());
        if (!manifest.isArray() || manifest.isEmpty()) {
            throw new MlshipException("manifest.json of " + source + " lists no image");
        }
        JsonNode image = manifest.get(0);
        List<String> skipped = new ArrayList<>();
        if (manifest.size() > 1) {
            skipped.add("the archive holds " + manifest.size() + " images; only the first ("
                    + image.path("RepoTags").path(0).asText("untagged") + ") was scanned");
        }
        List<String> layers = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        if (!image.path("Layers").isArray()) {
            throw new MlshipException("manifest.json of " + source + " has no \"Layers\" list, so it does not say what the "
                    + "image consists of; export the image again (docker save -o image.tar IMAGE)");
        }
        for (JsonNode layer : image.path("Layers")) {
            if (!layer.isTextual() || layer.asText().isEmpty()) {
                notScanned.add("manifest.json names a layer that is not a file name (" + brief(layer)
                        + "); it was not scanned");
            } else {
                layers.add(archive.resolve(layer.asText()));
            }
        }
        if (image.path("Layers").isEmpty()) {
            notScanned.add("manifest.json lists no layers; there was nothing to scan");
        }
        JsonNode config = readConfig(archive, image.path("Config").asText(), source);
        String name = image.path("RepoTags").path(0).asText(source);
        return new ImageManifest(name, config, layers, skipped, notScanned);
    }

    private static ImageManifest ociLayout(ImageArchive archive, String source) throws IOException {
        JsonNode index = JsonTree.read(archive.document("index.json").orElseThrow());
        JsonNode descriptor = index.path("manifests").path(0);
        if (descriptor.isMissingNode()) {
            throw new MlshipException("index.json of " + source + " lists no manifest");
        }
        JsonNode manifest = JsonTree.read(blob(archive, descriptor.path("digest").asText(), source));
        if (manifest.has("manifests")) {
            // An image index (multi-platform): take its first manifest.
            manifest = JsonTree.read(blob(archive, manifest.path("manifests").path(0).path("digest").asText(), source));
        }
        String mediaType = manifest.path("mediaType").asText(descriptor.path("mediaType").asText(""));
        if (!mediaType.isEmpty() && !MANIFEST_MEDIA_TYPES.contains(mediaType)) {
            throw new MlshipException("the manifest of " + source + " has media type `" + mediaType
                    + "`, which is not an image manifest (expected " + MANIFEST_MEDIA_TYPES + ")");
        }
        List<String> layers = new ArrayList<>();
        List<String> notScanned = new ArrayList<>();
        if (manifest.path("layers").isEmpty()) {
            notScanned.add("the image manifest lists no layers; there was nothing to scan");
        }
        for (JsonNode layer : manifest.path("layers")) {
            String digest = layer.path("digest").asText();
            String type = layer.path("mediaType").asText();
            if (LAYER_MEDIA_TYPES.contains(type)) {
                layers.add(archive.resolve(blobName(digest)));
            } else {
                notScanned.add("layer " + digest + " has media type `" + type + "`, which this version cannot read; "
                        + "its files were not scanned");
            }
        }
        JsonNode config = readConfig(archive, blobName(manifest.path("config").path("digest").asText()), source);
        String name = descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText(source);
        return new ImageManifest(name, config, layers, List.of(), notScanned);
    }

    private static byte[] blob(ImageArchive archive, String digest, String source) {
        return archive.document(blobName(digest)).orElseThrow(() -> new MlshipException(source + " names blob " + digest
                + " but does not contain it as JSON; the archive is incomplete"));
    }

    private static JsonNode readConfig(ImageArchive archive, String name, String source) throws IOException {
        byte[] config = archive.document(name).orElse(null);
        return config == null ? JsonNodeFactory.instance.objectNode() : JsonTree.read(config);
    }

    private static String brief(JsonNode value) {
        String text = value.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    static String blobName(String digest) {
        int colon = digest.indexOf(':');
        return colon < 0 ? digest : "blobs/" + digest.substring(0, colon) + "/" + digest.substring(colon + 1);
    }
}
