package io.mlship.core.project;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A model project: a folder with an optional {@code mlship.yaml} describing the model (files, dataset,
 * hyperparameters), how to package it (base image, requirements, port, entrypoint) and how to verify it.
 * Errors name the file and the field path, e.g. {@code mlship.yaml: image.port must be a number}.
 */
public record ModelProject(Path directory, String name, String version, List<String> modelFiles,
                           Optional<String> datasetUri, Optional<String> datasetVersion,
                           Map<String, String> hyperparameters, ImageSection image, VerifySection verify) {

    public static final String FILE_NAME = "mlship.yaml";
    /** The sections of mlship.yaml; {@code deploy} is read by DeploySpecReader. */
    static final List<String> TOP_LEVEL = List.of("name", "version", "model", "image", "verify", "deploy");

    /** How to package the model when the project has no Dockerfile of its own. */
    public record ImageSection(Optional<String> base, Optional<String> requirements, Optional<Integer> port,
                               List<String> entrypoint, Optional<String> user, Map<String, String> labels) {
    }

    /** Defaults for `mlship verify`. */
    public record VerifySection(Optional<String> memory, Optional<Double> cpus, Optional<String> samples,
                                Optional<String> readyPath) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads {@code mlship.yaml} of the folder; a folder without one is a project named after the folder. */
    public static ModelProject load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return new ModelProject(directory, directory.getFileName().toString(), "0.0.0", List.of(),
                    Optional.empty(), Optional.empty(), Map.of(),
                    new ImageSection(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), Optional.empty(), Map.of()),
                    new VerifySection(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new MlshipException(file + " is not valid YAML at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MlshipException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            root = YAML.createObjectNode(); // an empty file: a project with every default
        }
        if (!root.isObject()) {
            throw new MlshipException(file + " must be a mapping of fields (name:, version:, model:, image:, verify:, "
                    + "deploy:), but it is " + (root.isArray() ? "a list" : "a single value `" + root.asText() + "`")
                    + "; write e.g. `name: iris` on its own line");
        }
        YamlFields f = new YamlFields(file);
        for (java.util.Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL.contains(key)) {
                // A misspelt section would otherwise change nothing, silently.
                throw new MlshipException(file + ": " + key + " is not a known field; known: " + String.join(", ", TOP_LEVEL));
            }
        }
        JsonNode model = f.child(root, "model");
        JsonNode dataset = f.child(model, "model.dataset");
        JsonNode image = f.child(root, "image");
        JsonNode verify = f.child(root, "verify");
        f.allowOnly(model, "model", java.util.Set.of("files", "dataset", "hyperparameters"));
        f.allowOnly(dataset, "model.dataset", java.util.Set.of("uri", "version"));
        f.allowOnly(image, "image", java.util.Set.of("base", "requirements", "port", "entrypoint", "user", "labels"));
        f.allowOnly(verify, "verify", java.util.Set.of("memory", "cpus", "samples", "readyPath"));
        return new ModelProject(directory,
                f.text(root, "name").orElse(directory.getFileName().toString()),
                f.text(root, "version").orElse("0.0.0"),
                f.texts(model, "model.files"),
                f.text(dataset, "model.dataset.uri"),
                f.text(dataset, "model.dataset.version"),
                sortedByKey(f.scalars(model, "model.hyperparameters")),
                new ImageSection(f.text(image, "image.base"), f.text(image, "image.requirements"),
                        f.integer(image, "image.port"), f.texts(image, "image.entrypoint"), f.text(image, "image.user"),
                        sortedByKey(f.scalars(image, "image.labels"))),
                new VerifySection(f.text(verify, "verify.memory"), f.number(verify, "verify.cpus"),
                        f.text(verify, "verify.samples"), f.text(verify, "verify.readyPath")));
    }

    public boolean hasDescriptor() {
        return Files.isRegularFile(directory.resolve(FILE_NAME));
    }

    /** Sorted by key, so that identical inputs give identical labels. */
    private static Map<String, String> sortedByKey(Map<String, String> values) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(new TreeMap<>(values)));
    }
}
