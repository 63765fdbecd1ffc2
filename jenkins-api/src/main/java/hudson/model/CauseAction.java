// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import hudson.model.queue.FoldableAction;
import jenkins.model.RunAction2;

public class CauseAction implements FoldableAction, RunAction2 {

    public CauseAction(Cause... c) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @Override
    public void onAttached(Run<?, ?> owner) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @Override
    public void onLoad(Run<?, ?> owner) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
