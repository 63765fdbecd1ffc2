// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import hudson.EnvVars;
import hudson.ExtensionPoint;
import java.io.IOException;

public abstract class EnvironmentContributor implements ExtensionPoint {

    public void buildEnvironmentFor(Run r, EnvVars envs, TaskListener listener) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
