// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-api:1336.vee415d95c521 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.actions;

import hudson.model.Action;

public interface PersistentAction extends Action {
}
