// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-step-api:686.v603d058a_e148 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {

    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
