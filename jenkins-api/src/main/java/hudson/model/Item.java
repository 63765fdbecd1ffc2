// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
// The permission constants are real objects at run time; here they only have to compile against, so they are null.
package hudson.model;

import hudson.search.SearchableModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import jenkins.util.io.OnMaster;

public interface Item extends PersistenceRoot, SearchableModelObject, AccessControlled, OnMaster {

    Permission READ = null;

    Permission BUILD = null;
}
