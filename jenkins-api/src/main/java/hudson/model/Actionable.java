// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import jenkins.model.ModelObjectWithContextMenu;

public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {

    public void addAction(Action a) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
