// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson;

import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {

    public String getRemote() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
