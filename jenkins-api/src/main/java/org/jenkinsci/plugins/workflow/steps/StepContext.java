// Compile-time mirror of org.jenkins-ci.plugins.workflow:workflow-step-api:686.v603d058a_e148 (only the members mlship uses; provided by the plugin at run time).
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
