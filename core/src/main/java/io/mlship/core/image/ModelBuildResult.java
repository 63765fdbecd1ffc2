package io.mlship.core.image;

import io.mlship.core.preflight.PreflightResult;
import io.mlship.core.provenance.Provenance;
import io.mlship.core.registry.PushResult;
import java.nio.file.Path;
import java.util.Optional;

/** A built (and maybe pushed) model image with what was checked and recorded on the way. */
public record ModelBuildResult(ImageBuildResult build, PreflightResult preflight, Provenance provenance,
                               Path provenanceFile, Optional<PushResult> push) {
}
