// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.slaves;

import hudson.FilePath;

public final class WorkspaceList {

    public static FilePath tempDir(FilePath ws) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
