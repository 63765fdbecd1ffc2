package io.mlship.core.preflight;

import io.mlship.core.project.ModelProject;
import java.nio.file.Path;

/**
 * What to check before a build: the project (its model files and requirements), the Dockerfile that will
 * be built, and whether unpinned requirements fail the build or are only flagged.
 */
public record PreflightRequest(ModelProject project, Path dockerfile, boolean failOnUnpinned) {
}
