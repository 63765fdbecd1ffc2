package io.mlship.plugin;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.EnvironmentContributor;
import hudson.model.Run;
import hudson.model.TaskListener;

/** Puts a Promote/Rollback request into the environment of the build it started, so the Jenkinsfile can act on it. */
@Extension
public final class DeliveryEnvironment extends EnvironmentContributor {

    @Override
    public void buildEnvironmentFor(Run r, EnvVars envs, TaskListener listener) {
        DeliveryRequestAction action = r.getAction(DeliveryRequestAction.class);
        if (action != null) {
            action.request().environment().forEach(envs::put);
        }
    }
}
