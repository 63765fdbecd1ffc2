package io.mlship.plugin;

import io.mlship.core.verify.VerifyResult;
import java.util.List;

/** Shows a verification's verdict, memory peak against the limit and the recommended limit on the build page. */
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
        this.problems = List.copyOf(problems);
        this.containerLog = containerLog;
    }

    static VerifyImageAction of(VerifyResult result) {
        return new VerifyImageAction(result.image(), result.passed(), result.memoryLimit().toString(),
                result.peakMemory().toString(), result.recommendedLimit().map(Object::toString).orElse(null),
                result.problems().stream().map(p -> p.kind() + ": " + p.message()).toList(), result.containerLog().toString());
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
