// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {

    public String getDisplayName() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
