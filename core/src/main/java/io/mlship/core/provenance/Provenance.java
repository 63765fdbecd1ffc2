package io.mlship.core.provenance;

import io.mlship.core.common.FileDigest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where an image comes from: sources (git), model files (digests), data (dataset, hyperparameters) and
 * base image. {@link #labels()} are the OCI labels put on the image; they hold no time stamp and no
 * machine detail, so identical inputs give identical labels.
 */
public record Provenance(String projectName, String projectVersion, GitState git, List<FileDigest> modelFiles,
                         Optional<String> datasetUri, Optional<String> datasetVersion, Map<String, String> hyperparameters,
                         String baseImage, String baseImageDigest) {

    private static final ObjectMapper SORTED_JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public Map<String, String> labels() {
        Map<String, String> labels = new TreeMap<>();
        labels.put("org.opencontainers.image.title", projectName);
        labels.put("org.opencontainers.image.version", projectVersion);
        git.commit().ifPresent(c -> labels.put("org.opencontainers.image.revision", c));
        git.remote().ifPresent(r -> labels.put("org.opencontainers.image.source", r));
        labels.put("org.opencontainers.image.base.name", baseImage);
        labels.put("org.opencontainers.image.base.digest", baseImageDigest);
        labels.put("io.mlship.model.name", projectName);
        git.branch().ifPresent(b -> labels.put("io.mlship.git.branch", b));
        if (git.commit().isPresent()) {
            labels.put("io.mlship.git.dirty", Boolean.toString(git.dirty()));
        }
        for (FileDigest file : modelFiles) {
            labels.put("io.mlship.model.file." + file.path(), file.sha256());
        }
        datasetUri.ifPresent(u -> labels.put("io.mlship.dataset.uri", u));
        datasetVersion.ifPresent(v -> labels.put("io.mlship.dataset.version", v));
        if (!hyperparameters.isEmpty()) {
            labels.put("io.mlship.hyperparameters", json(hyperparameters));
        }
        return labels;
    }

    /** The provenance record kept with the build: the labels' facts plus the built image's digest. */
    public Map<String, Object> record(String imageId, Optional<String> pushedDigest) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("project", Map.of("name", projectName, "version", projectVersion));
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("commit", git.commit().orElse(null));
        source.put("branch", git.branch().orElse(null));
        source.put("dirty", git.dirty());
        source.put("remote", git.remote().orElse(null));
        record.put("git", source);
        record.put("modelFiles", modelFiles.stream().map(f -> Map.of("path", f.path(), "sha256", f.sha256(), "bytes", f.bytes())).toList());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uri", datasetUri.orElse(null));
        data.put("version", datasetVersion.orElse(null));
        record.put("dataset", data);
        record.put("hyperparameters", new TreeMap<>(hyperparameters));
        record.put("baseImage", Map.of("name", baseImage, "digest", baseImageDigest));
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("id", imageId);
        image.put("pushedDigest", pushedDigest.orElse(null));
        record.put("image", image);
        record.put("labels", labels());
        return record;
    }

    private static String json(Map<String, String> values) {
        try {
            return SORTED_JSON.writeValueAsString(new TreeMap<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
