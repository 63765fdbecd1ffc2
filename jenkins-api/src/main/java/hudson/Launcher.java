// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson;

import hudson.model.TaskListener;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class Launcher {

    public final ProcStarter launch() {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    public final class ProcStarter {

        public ProcStarter cmds(List<String> args) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public ProcStarter envs(Map<String, String> overrides) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public ProcStarter pwd(FilePath workDir) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public ProcStarter stdout(OutputStream out) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public ProcStarter stdout(TaskListener out) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public ProcStarter quiet(boolean quiet) {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        public Proc start() throws IOException {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }
    }
}
