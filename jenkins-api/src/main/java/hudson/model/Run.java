// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
// Upstream bounds JobT by Job<JobT, RunT>; the bound is left out here because no member mlship uses
// mentions JobT, and the erasure of every member declared below is the same as upstream.
package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;

public abstract class Run<JobT, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner,
        OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl {

    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public File getRootDir() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public String getUrl() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
