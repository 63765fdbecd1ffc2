// Compile-time mirror of org.jenkins-ci.main:remoting:3261.v9c670a_4748a_9 (bundled by jenkins-core 2.479.3).
// Kept apart from src/main/java because the upstream signature table of jenkins-api-check does not cover remoting.
package org.jenkinsci.remoting;

import java.io.Serializable;

public interface SerializableOnlyOverRemoting extends Serializable {
}
