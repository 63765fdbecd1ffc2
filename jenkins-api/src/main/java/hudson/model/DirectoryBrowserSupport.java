// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

import hudson.FilePath;
import org.kohsuke.stapler.HttpResponse;

public class DirectoryBrowserSupport implements HttpResponse {

    public DirectoryBrowserSupport(ModelObject owner, FilePath base, String title, String icon, boolean serveIndexPage) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
