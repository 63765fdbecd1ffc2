package io.mlship.core.provenance;

import io.mlship.core.common.FileDigest;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.project.ModelProject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/** Gathers the provenance of a build before it runs: git state, model digests, base image digest. */
public final class ProvenanceCollector {

    private final DockerClient docker;

    public ProvenanceCollector(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * Reads what is known before the build (git state, base image digest) and returns how to complete
     * the provenance once the model files' digests are known (the builder computes them while it sends
     * the context, so the files are read only once).
     */
    public Function<Map<String, FileDigest>, Provenance> prepare(ModelProject project, DockerfileInstructions dockerfile,
                                                                 String target) {
        String base = finalBaseImage(dockerfile, target);
        // Git status and the base image lookup run while the context streams to the daemon; the
        // provenance is completed (and the labels made) when the last context byte has been read.
        CompletableFuture<String> baseDigest = CompletableFuture.supplyAsync(() -> digestOf(base));
        CompletableFuture<GitState> git = CompletableFuture.supplyAsync(() -> GitState.of(project.directory()));
        return digests -> new Provenance(project.name(), project.version(), join(git),
                modelFilePaths(project).stream().filter(digests::containsKey).map(digests::get).toList(),
                project.datasetUri(), project.datasetVersion(), project.hyperparameters(), base, join(baseDigest));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** The model files as context-relative paths, the way the build context names them. */
    public static List<String> modelFilePaths(ModelProject project) {
        return project.modelFiles().stream()
                .map(file -> Path.of(file).normalize().toString().replace('\\', '/'))
                .toList();
    }

    /**
     * The external image the built stage starts from: the target stage (or the last one), following
     * {@code FROM <earlier stage>} back to a real image.
     */
    static String finalBaseImage(DockerfileInstructions dockerfile, String target) {
        Map<String, String> stageBase = new HashMap<>();
        String selected = null;
        for (DockerfileInstructions.Instruction instruction : dockerfile.all()) {
            String[] words = instruction.text().split("\\s+");
            if (!words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int i = 1;
            while (i < words.length && words[i].startsWith("--")) {
                i++;
            }
            if (i >= words.length) {
                continue;
            }
            String image = words[i];
            String resolved = stageBase.getOrDefault(image.toLowerCase(Locale.ROOT), image);
            if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                String stage = words[i + 2].toLowerCase(Locale.ROOT);
                stageBase.put(stage, resolved);
                if (stage.equalsIgnoreCase(target == null ? "" : target)) {
                    return resolved;
                }
            }
            selected = resolved;
        }
        return selected == null ? "unknown" : selected;
    }

    /** The registry digest when the base came from a registry, else the local image id; "scratch" has none. */
    private String digestOf(String image) {
        if (image.equals("scratch") || image.equals("unknown")) {
            return "none";
        }
        try {
            InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
            List<String> repoDigests = inspected.getRepoDigests();
            if (repoDigests != null && !repoDigests.isEmpty()) {
                return repoDigests.get(0).substring(repoDigests.get(0).indexOf('@') + 1);
            }
            return inspected.getId();
        } catch (NotFoundException e) {
            return "not-present-before-build"; // the build will pull it (or fail saying so)
        }
    }
}
