package io.mlship.plugin;

import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a verification's verdict, memory peak against the limit and the recommended limit on the build page.
 * Saved in build.xml: lists are plain ArrayLists (see {@link BuildImageAction}).
 */
public final class VerifyImageAction extends SummaryAction {

    private final String image;
    private final boolean passed;
    private final String memoryLimit;
    private final String peakMemory;
    private final String recommendedLimit;
    private final List<String> problems;
    private final String containerLog;

    VerifyImageAction(String image, boolean passed, String memoryLimit, String peakMemory, String recommendedLimit,
                      List<String> problems, String containerLog) {
        this.image = image;
        this.passed = passed;
        this.memoryLimit = memoryLimit;
        this.peakMemory = peakMemory;
        this.recommendedLimit = recommendedLimit;
        this.problems = new ArrayList<>(problems);
        this.containerLog = containerLog;
    }

    /** From the CLI's verify-report.json. */
    static VerifyImageAction from(Report report) {
        return new VerifyImageAction(report.string("image"), "passed".equals(report.string("status")),
                report.number("memory.limitBytes").map(VerifyImageAction::bytes).orElse(null),
                report.number("memory.peakBytes").map(VerifyImageAction::bytes).orElse(null),
                report.string("memory.recommendedLimit"), problems(report), report.string("containerLog"));
    }

    static List<String> problems(Report report) {
        return report.objects("problems").stream().map(p -> p.get("kind") + ": " + p.get("message")).toList();
    }

    static String bytes(long bytes) {
        return ReportVerdicts.bytes(bytes);
    }

    public String getImage() {
        return image;
    }

    public boolean isPassed() {
        return passed;
    }

    public String getMemoryLimit() {
        return memoryLimit;
    }

    public String getPeakMemory() {
        return peakMemory;
    }

    public String getRecommendedLimit() {
        return recommendedLimit;
    }

    public List<String> getProblems() {
        return problems;
    }

    public String getContainerLog() {
        return containerLog;
    }

    @Override
    public String getDisplayName() {
        return "Verification of " + image;
    }
}
