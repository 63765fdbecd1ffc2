package io.mlship.core.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Hand-made layer tars and image archives (docker-archive, OCI layout) for inputs no daemon would produce. */
final class TestArchives {

    private TestArchives() {
    }

    /** A layer tar; a value starting with "->" is a symlink to the rest, null is a directory. */
    static byte[] layer(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, String> f : files.entrySet()) {
                String v = f.getValue();
                if (v == null) {
                    tar.putArchiveEntry(new TarArchiveEntry(f.getKey() + "/"));
                } else if (v.startsWith("->")) {
                    TarArchiveEntry link = new TarArchiveEntry(f.getKey(), TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName(v.substring(2));
                    tar.putArchiveEntry(link);
                } else {
                    byte[] content = v.getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                    entry.setSize(content.length);
                    tar.putArchiveEntry(entry);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static Map<String, String> files(String... pathThenContent) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < pathThenContent.length; i += 2) {
            files.put(pathThenContent[i], pathThenContent[i + 1]);
        }
        return files;
    }

    static String metadata(String name, String version) {
        return "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n\n";
    }

    /** A docker-archive as `docker save` writes it: layer blobs first, then config and manifest.json. */
    static byte[] dockerArchive(String config, byte[]... layers) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (byte[] layer : layers) {
            String name = sha256(layer) + "/layer.tar";
            names.add("\"" + name + "\"");
            entries.put(name, layer);
        }
        entries.put("config.json", config.getBytes(StandardCharsets.UTF_8));
        entries.put("manifest.json", ("[{\"Config\":\"config.json\",\"RepoTags\":[\"test/crafted:1\"],\"Layers\":["
                + String.join(",", names) + "]}]").getBytes(StandardCharsets.UTF_8));
        return tar(entries);
    }

    /** An OCI image layout tar: index.json → manifest → layers with the given media types (gzip when "+gzip"). */
    static byte[] ociLayout(List<String> mediaTypes, List<byte[]> layers) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        StringBuilder layerDescriptors = new StringBuilder();
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            byte[] blob = mediaTypes.get(i).endsWith("+gzip") ? gzip(layers.get(i)) : layers.get(i);
            String digest = sha256(blob);
            blobs.put("blobs/sha256/" + digest, blob);
            layerDescriptors.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(mediaTypes.get(i))
                    .append("\",\"digest\":\"sha256:").append(digest).append("\",\"size\":").append(blob.length).append('}');
        }
        byte[] config = "{\"config\":{\"User\":\"1000\",\"Healthcheck\":{\"Test\":[\"CMD\",\"true\"]}}}".getBytes(StandardCharsets.UTF_8);
        blobs.put("blobs/sha256/" + sha256(config), config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"sha256:" + sha256(config)
                + "\",\"size\":" + config.length + "},\"layers\":[" + layerDescriptors + "]}").getBytes(StandardCharsets.UTF_8);
        blobs.put("blobs/sha256/" + sha256(manifest), manifest);
        entries.put("index.json", ("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"digest\":\"sha256:" + sha256(manifest) + "\",\"size\":" + manifest.length
                + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"test/oci:1\"}}]}").getBytes(StandardCharsets.UTF_8));
        entries.putAll(blobs);
        return tar(entries);
    }

    static byte[] tar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static final String ROOT_CONFIG = "{\"config\":{\"Cmd\":[\"sh\"]}}";
}
