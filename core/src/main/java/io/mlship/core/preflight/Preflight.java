package io.mlship.core.preflight;

import io.mlship.core.MlshipException;
import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.log.LogSink;
import io.mlship.core.project.ModelProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a model project before anything is built: the model files it declares exist (sizes reported),
 * its Python requirements are pinned, and its Dockerfile avoids the classic mistakes.
 */
public final class Preflight {

    private Preflight() {
    }

    public static PreflightResult check(PreflightRequest request, LogSink console) {
        ModelProject project = request.project();
        List<Finding> findings = new ArrayList<>();
        checkModelFiles(project, findings);
        project.image().requirements().ifPresent(file -> checkRequirements(project.directory(), file, request.failOnUnpinned(), findings));
        Path defaultRequirements = project.directory().resolve("requirements.txt");
        if (project.image().requirements().isEmpty() && Files.isRegularFile(defaultRequirements)) {
            checkRequirements(project.directory(), "requirements.txt", request.failOnUnpinned(), findings);
        }
        if (request.dockerfile() != null && Files.isRegularFile(request.dockerfile())) {
            try {
                findings.addAll(DockerfileLint.check(DockerfileInstructions.read(request.dockerfile()),
                        project.directory().relativize(request.dockerfile()).toString()));
            } catch (IOException e) {
                throw new MlshipException("cannot read Dockerfile " + request.dockerfile() + ": " + e.getMessage(), e);
            }
        }
        console.line("== pre-flight: " + findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).count() + " error(s), "
                + findings.stream().filter(f -> f.severity() == Finding.Severity.WARNING).count() + " warning(s)");
        findings.forEach(f -> console.line("   " + f));
        return new PreflightResult(List.copyOf(findings));
    }

    private static void checkModelFiles(ModelProject project, List<Finding> findings) {
        for (String file : project.modelFiles()) {
            Path path = project.directory().resolve(file).normalize();
            if (!path.startsWith(project.directory())) {
                findings.add(new Finding(Finding.Severity.ERROR, "model.file-outside", ModelProject.FILE_NAME,
                        "model file `" + file + "` lies outside the project folder; list files inside it"));
            } else if (!Files.isRegularFile(path)) {
                findings.add(new Finding(Finding.Severity.ERROR, "model.file-missing", ModelProject.FILE_NAME,
                        "model file `" + file + "` (model.files) does not exist in " + project.directory()
                                + "; add it, fetch it (e.g. `dvc pull`), or fix the path"));
            } else {
                try {
                    findings.add(new Finding(Finding.Severity.INFO, "model.file-size", file, humanSize(Files.size(path))));
                } catch (IOException e) {
                    throw new MlshipException("cannot read the size of model file " + path + ": " + e.getMessage(), e);
                }
            }
        }
    }

    private static void checkRequirements(Path directory, String file, boolean failOnUnpinned, List<Finding> findings) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            findings.add(new Finding(Finding.Severity.ERROR, "requirements.missing", ModelProject.FILE_NAME,
                    "requirements file `" + file + "` (image.requirements) does not exist in " + directory));
            return;
        }
        try {
            findings.addAll(RequirementsCheck.check(path, file, failOnUnpinned));
        } catch (IOException e) {
            throw new MlshipException("cannot read requirements file " + path + ": " + e.getMessage(), e);
        }
    }

    static String humanSize(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%d bytes", bytes);
        }
        return String.format(Locale.ROOT, "%.1f MiB (%d bytes)", bytes / 1048576.0, bytes);
    }
}
