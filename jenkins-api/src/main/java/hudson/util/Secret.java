// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {

    public String getPlainText() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
