package io.mlship.plugin;

import hudson.AbortException;
import hudson.Extension;
import io.mlship.core.shadow.judge.ShadowOutcome;
import java.io.IOException;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlShadow project: 'models/iris', shadowId: 'iris-shadow-1a2b3c'}: judges a running shadow by the criteria of
 * {@code deploy.shadow} with PromQL, one row per criterion and check in the build log, the report in the build. Returns
 * {@code PROMOTED} or {@code INCONCLUSIVE} (nothing changes); fails the build on {@code ABORTED}.
 */
public final class ShadowStep extends MlshipStep {

    static final String FUNCTION = "mlShadow";

    private final String project;
    private String shadowId;
    private String prometheus = "http://127.0.0.1:9090";

    @DataBoundConstructor
    public ShadowStep(String project) {
        super(FUNCTION);
        this.project = project == null || project.isBlank() ? "." : project;
    }

    public String getProject() {
        return project;
    }

    public String getShadowId() {
        return shadowId;
    }

    /** The comparator's shadow id (the {@code shadow} label of its series). */
    @DataBoundSetter
    public void setShadowId(String shadowId) {
        this.shadowId = StepEnvironment.blankToNull(shadowId);
    }

    public String getPrometheus() {
        return prometheus;
    }

    /** Prometheus that scrapes the comparator; default the local services' http://127.0.0.1:9090. */
    @DataBoundSetter
    public void setPrometheus(String prometheus) {
        String value = StepEnvironment.blankToNull(prometheus);
        this.prometheus = value == null ? "http://127.0.0.1:9090" : value;
    }

    @Override
    String perform(StepEnvironment env) throws IOException, InterruptedException {
        if (shadowId == null) {
            throw new AbortException(FUNCTION + ": shadowId is missing: give the comparator's shadow id, e.g. shadowId: 'iris-shadow-1a2b3c'");
        }
        ShadowInvocation.Outcome outcome = new ShadowInvocation(env.workspace(), env.buildDirectory(), env.environment())
                .judge(this, env.log());
        env.log().println(FUNCTION + ": " + outcome.judgement().outcome() + " — " + outcome.judgement().reason());
        env.log().println(FUNCTION + ": report " + outcome.report());
        if (outcome.judgement().outcome() == ShadowOutcome.ABORTED) {
            throw new AbortException(FUNCTION + ": ABORTED: " + outcome.judgement().reason() + " (report: " + outcome.report() + ")");
        }
        return outcome.judgement().outcome().name();
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Judge a shadow candidate against the live model (mlship)");
        }
    }
}
