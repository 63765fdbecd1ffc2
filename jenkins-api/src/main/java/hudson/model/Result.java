// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
// The constant is null here, which is never seen: the class is only compiled against; Jenkins' own Result,
// whose constants are built by a private constructor, is loaded at run time.
package hudson.model;

import java.io.Serializable;
import org.kohsuke.stapler.export.CustomExportedBean;

public final class Result implements Serializable, CustomExportedBean {

    public static final Result UNSTABLE = null;

    @Override
    public String toString() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
