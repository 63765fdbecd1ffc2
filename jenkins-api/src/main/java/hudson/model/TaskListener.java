// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import java.io.IOException;
import java.io.PrintStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public interface TaskListener extends SerializableOnlyOverRemoting {

    PrintStream getLogger();

    /** Upstream prints {@code text} as a link to {@code url} (a leading '/' is relative to Jenkins' context path). */
    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
