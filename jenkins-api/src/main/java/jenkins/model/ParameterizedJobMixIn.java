// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
// Upstream bounds JobT and RunT by Job/Run and ParameterizedJob/Queue.Executable; the bounds are left out because
// the one member mlship uses is static and mentions neither.
package jenkins.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Queue;

public abstract class ParameterizedJobMixIn<JobT, RunT> {

    public static Queue.Item scheduleBuild2(Job<?, ?> job, int quietPeriod, Action... actions) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
