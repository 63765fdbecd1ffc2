// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.model;

public abstract class Cause {

    public abstract String getShortDescription();

    public static class UserIdCause extends Cause {

        public UserIdCause() {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }

        @Override
        public String getShortDescription() {
            throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
        }
    }
}
