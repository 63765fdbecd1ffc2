// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package jenkins.model;

import hudson.model.Action;
import hudson.model.Run;

public interface RunAction2 extends Action {

    void onAttached(Run<?, ?> r);

    void onLoad(Run<?, ?> r);
}
