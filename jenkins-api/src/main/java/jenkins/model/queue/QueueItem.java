// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package jenkins.model.queue;

import hudson.model.ModelObject;

public interface QueueItem extends ModelObject {
}
