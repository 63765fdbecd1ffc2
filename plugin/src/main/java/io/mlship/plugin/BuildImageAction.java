package io.mlship.plugin;

import io.mlship.plugin.cli.Report;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Shows the image an {@code mlBuildImage} step built, and where its complete log is, on the build page. Saved in
 * build.xml by XStream: lists are plain ArrayLists (the XStream of Jenkins 2.479 cannot be relied on to read back
 * the JDK's immutable collections; {@code PersistedActionsTest} checks it).
 */
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
        this.warnings = new ArrayList<>(warnings);
    }

    /** From the CLI's build-report.json (paths in it are on the node that ran the build, relative to its workspace). */
    static BuildImageAction from(Report report) {
        return new BuildImageAction(report.string("image"), report.string("imageId"), report.string("logFile"),
                report.string("provenanceFile"), report.string("pushed.reference"), report.string("pushed.digest"),
                revision(report),
                findings(report, "WARNING"));
    }

    /** The commit from the OCI revision label (its key holds dots, so it is looked up directly). */
    private static String revision(Report report) {
        Object value = report.object("labels").get("org.opencontainers.image.revision");
        return value == null ? null : value.toString();
    }

    /** Pre-flight findings of one severity, as the CLI prints them: "SEVERITY rule at location: message". */
    static List<String> findings(Report report, String severity) {
        return report.objects("preflight").stream().filter(f -> severity == null || severity.equals(f.get("severity")))
                .map(BuildImageAction::finding).toList();
    }

    private static String finding(Map<String, Object> f) {
        return f.get("severity") + " " + f.get("rule") + " at " + f.get("location") + ": " + f.get("message");
    }

    /** The step's failure message from a report whose status is not "success". */
    static String failureMessage(Report report) {
        StringBuilder message = new StringBuilder("mlBuildImage: building " + report.string("image") + " failed ("
                + report.string("status") + ")");
        Map<String, Object> at = report.object("failingInstruction");
        if (!at.isEmpty()) {
            message.append("\n  at Dockerfile:").append(at.get("line")).append(" (step ").append(at.get("step")).append("): ")
                    .append(at.get("instruction"));
        }
        if (report.string("error") != null) {
            message.append("\n  error: ").append(report.string("error"));
        }
        findings(report, "ERROR").forEach(f -> message.append("\n  ").append(f));
        if (report.string("logFile") != null) {
            message.append("\n  complete log: ").append(report.string("logFile"));
        }
        return message.toString();
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
