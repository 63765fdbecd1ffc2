package io.mlship.plugin;

import hudson.model.Result;
import io.mlship.plugin.stage.ReportLinks;
import io.mlship.plugin.stage.StageVerdict;
import java.io.IOException;
import java.util.List;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.WarningAction;

/**
 * What a step shows in the Pipeline graph and the step log beyond its own output: a label on its flow node (Pipeline
 * Graph View shows it instead of the step's arguments), a stage warning and an UNSTABLE run for a failure the
 * pipeline chose to tolerate, and links to the reports the build keeps.
 */
final class StageView {

    private final StepEnvironment env;

    StageView(StepEnvironment env) {
        this.env = env;
    }

    void label(StageVerdict verdict) {
        env.node().addAction(new LabelAction(verdict.label()));
    }

    /**
     * The stage turns yellow with the failure as its warning and the run becomes UNSTABLE (never better: Jenkins only
     * worsens a result); the step returns normally so the pipeline goes on.
     */
    void unstable(String step, StageVerdict verdict) {
        env.node().addAction(new WarningAction(Result.UNSTABLE).withMessage(verdict.message()));
        env.run().setResult(Result.UNSTABLE);
        env.log().println(step + ": UNSTABLE (" + verdict.failure() + " is in unstableOn), not failed:\n" + verdict.message());
    }

    /** One line per report, linked to where the build serves its kept copy ({@link ReportLinks}). */
    void linkReports(String runFolder, List<String> reports) throws IOException {
        for (String report : reports) {
            env.log().print("[mlship] report: ");
            env.listener().hyperlink(ReportLinks.url(env.run().getUrl(), runFolder, report), report);
            env.log().println();
        }
    }
}
