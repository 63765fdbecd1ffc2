// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-step-api:686.v603d058a_e148 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {

    public abstract StepExecution start(StepContext context) throws Exception;
}
