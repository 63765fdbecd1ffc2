package io.mlship.plugin;

import io.mlship.core.image.ModelBuildResult;
import io.mlship.core.preflight.Finding;
import io.mlship.core.registry.PushResult;
import java.util.List;

/** Shows the image an {@code mlBuildImage} step built, and where its complete log is, on the build page. */
public final class BuildImageAction extends SummaryAction {

    private final String image;
    private final String imageId;
    private final String logFile;
    private final String provenanceFile;
    private final String pushedReference;
    private final String pushedDigest;
    private final String commit;
    private final List<String> warnings;

    BuildImageAction(String image, String imageId, String logFile, String provenanceFile, String pushedReference,
                     String pushedDigest, String commit, List<String> warnings) {
        this.image = image;
        this.imageId = imageId;
        this.logFile = logFile;
        this.provenanceFile = provenanceFile;
        this.pushedReference = pushedReference;
        this.pushedDigest = pushedDigest;
        this.commit = commit;
        this.warnings = List.copyOf(warnings);
    }

    static BuildImageAction of(ModelBuildResult result) {
        return new BuildImageAction(result.build().image().value(), result.build().imageId(), result.build().logFile().toString(),
                result.provenanceFile().toString(),
                result.push().map(PushResult::reference).orElse(null), result.push().map(PushResult::digest).orElse(null),
                result.provenance().git().commit().orElse(null),
                result.preflight().findings().stream().filter(f -> f.severity() == Finding.Severity.WARNING).map(Finding::toString).toList());
    }

    public String getProvenanceFile() {
        return provenanceFile;
    }

    public String getPushedReference() {
        return pushedReference;
    }

    public String getPushedDigest() {
        return pushedDigest;
    }

    public String getCommit() {
        return commit;
    }

    public List<String> getWarnings() {
        return warnings;
    }

    public String getImage() {
        return image;
    }

    public String getImageId() {
        return imageId;
    }

    public String getLogFile() {
        return logFile;
    }

    @Override
    public String getDisplayName() {
        return "Model image " + image;
    }
}
