// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {

    public FilePath(File localPath) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public boolean exists() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public void copyFrom(InputStream in) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public InputStream read() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public long length() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public String digest() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public void renameTo(FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public void chmod(int mask) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public FilePath[] list(String includes) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
