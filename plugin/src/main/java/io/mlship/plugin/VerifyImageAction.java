package io.mlship.plugin;

import hudson.model.Run;
import io.mlship.core.verify.VerifyResult;
import java.util.List;
import jenkins.model.RunAction2;

/** Shows a verification's verdict, memory peak against the limit and the recommended limit on the build page. */
public final class VerifyImageAction implements RunAction2 {

    private final String image;
    private final boolean passed;
    private final String memoryLimit;
    private final String peakMemory;
    private final String recommendedLimit;
    private final List<String> problems;
    private final String containerLog;
    private transient Run<?, ?> run;

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

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Verification of " + image;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
