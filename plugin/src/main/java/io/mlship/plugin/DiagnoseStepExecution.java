package io.mlship.plugin;

import hudson.AbortException;
import io.mlship.core.MlshipException;
import io.mlship.core.diagnose.Diagnosis;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/** Runs {@link DiagnoseStep}; returns the verdict's name, fails only when the diagnosis itself cannot be made. */
final class DiagnoseStepExecution extends SynchronousNonBlockingStepExecution<String> {

    private static final long serialVersionUID = 1L;

    private final transient DiagnoseStep step;

    DiagnoseStepExecution(DiagnoseStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    protected String run() throws Exception {
        StepEnvironment env = StepEnvironment.of(getContext(), "mlDiagnose");
        try {
            Diagnosis diagnosis = DiagnoseInvocation.run(step, StepFolders.next(env.buildDirectory(), "diagnose"),
                    env.environment(), env.log()::println);
            return diagnosis.verdict().name();
        } catch (MlshipException e) {
            throw new AbortException("mlDiagnose: " + e.getMessage());
        }
    }
}
