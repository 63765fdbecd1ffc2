// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-api:1336.vee415d95c521 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.actions;

public class LabelAction implements PersistentAction {

    public LabelAction(String label) {
        throw new UnsupportedOperationException("mirror: provided by the workflow-api plugin at run time");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("mirror: provided by the workflow-api plugin at run time");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("mirror: provided by the workflow-api plugin at run time");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("mirror: provided by the workflow-api plugin at run time");
    }
}
