// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-step-api:686.v603d058a_e148 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
