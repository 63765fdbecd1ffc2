// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import hudson.security.AccessControlled;
import jenkins.model.Loadable;
import org.kohsuke.stapler.HttpDeletable;
import org.kohsuke.stapler.StaplerProxy;

public abstract class AbstractItem extends Actionable implements Item, HttpDeletable, AccessControlled, DescriptorByNameOwner,
        StaplerProxy, Loadable {

    public String getUrl() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
