// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import java.io.Serializable;
import org.kohsuke.stapler.export.CustomExportedBean;

public final class Result implements Serializable, CustomExportedBean {

    @Override
    public String toString() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
