package io.mlship.plugin;

import hudson.model.Run;
import jenkins.model.RunAction2;

/**
 * A result of an mlship step shown on the build page through its {@code summary.jelly}; it has no page
 * or side-panel link of its own. Keeps the build it belongs to (not saved, restored on load).
 */
abstract class SummaryAction implements RunAction2 {

    private transient Run<?, ?> run;

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    /** No side-panel link: the build page shows summary.jelly. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
