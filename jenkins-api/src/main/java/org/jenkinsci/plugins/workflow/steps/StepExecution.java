// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-step-api:686.v603d058a_e148 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public abstract boolean start() throws Exception;
}
