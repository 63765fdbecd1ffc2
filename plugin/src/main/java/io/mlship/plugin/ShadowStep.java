package io.mlship.plugin;

import hudson.Extension;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.stage.ReportVerdicts;
import io.mlship.plugin.stage.StageVerdict;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlShadow project: 'models/iris', image: 'registry:5000/iris:43'}: runs {@code mlship shadow run} on the agent —
 * the candidate and a baseline beside the live deploy, live traffic mirrored to a comparator, the criteria of
 * {@code deploy.shadow} judged with PromQL (one row per criterion and check in the build log, all rows in
 * shadow-report.json), then PROMOTED (deployed through mlDeploy's path), ABORTED (shadow removed, live untouched) or
 * INCONCLUSIVE (nothing changes). Returns the outcome; ABORTED and INCONCLUSIVE fail the step unless named in
 * {@code unstableOn} (then the build is UNSTABLE with the reason on the stage).
 */
public final class ShadowStep extends DeployTargetStep {

    static final String FUNCTION = "mlShadow";

    private String image;
    private String prometheus;
    private String prometheusTargets;

    @DataBoundConstructor
    public ShadowStep(String project) {
        super(FUNCTION, "shadow", project);
    }

    public String getImage() {
        return image;
    }

    /** The candidate image, with tag or digest (required). */
    @DataBoundSetter
    public void setImage(String image) {
        this.image = StepEnvironment.blankToNull(image);
    }

    public String getPrometheus() {
        return prometheus;
    }

    /** Prometheus that scrapes the comparator; default the CLI's (the local services' http://127.0.0.1:9090). */
    @DataBoundSetter
    public void setPrometheus(String prometheus) {
        this.prometheus = StepEnvironment.blankToNull(prometheus);
    }

    public String getPrometheusTargets() {
        return prometheusTargets;
    }

    /** Folder of that Prometheus' file_sd targets on the agent; default the CLI's. */
    @DataBoundSetter
    public void setPrometheusTargets(String prometheusTargets) {
        this.prometheusTargets = StepEnvironment.blankToNull(prometheusTargets);
    }

    @Override
    CliCall cliCall(CliEnvironment cli, Map<String, String> pipeline, String folder) {
        return CliCalls.shadow(this, cli, pipeline, folder);
    }

    /** The shadow's outcome on the build page (and the delivery card's shadow verdict of the image); it is the value. */
    @Override
    String attach(StepEnvironment env, Report report) {
        env.run().addAction(ShadowAction.from(image, report));
        return report.string("outcome");
    }

    @Override
    boolean reachedGoal(Report report) {
        return "PROMOTED".equals(report.string("outcome"));
    }

    /**
     * PROMOTED passes; ABORTED and INCONCLUSIVE (nothing promoted) fail the step unless named in {@code unstableOn}:
     * a pipeline never goes on as if the candidate were live when the shadow did not say so.
     */
    @Override
    StageVerdict verdict(Report report) {
        return ReportVerdicts.shadow(report, FUNCTION);
    }

    @Override
    Set<String> unstableAllowed() {
        return ReportVerdicts.SHADOW_SOFT;
    }

    @Extension
    @Symbol(FUNCTION)
    public static final class DescriptorImpl extends MlshipStepDescriptor {

        public DescriptorImpl() {
            super(FUNCTION, "Shadow a candidate model on mirrored live traffic, then promote or abort it (mlship)");
        }
    }
}
