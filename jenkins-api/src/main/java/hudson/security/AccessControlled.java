// Compile-time mirror of org.jenkins-ci.main:jenkins-core:2.479.3 (only the members mlship uses; provided by Jenkins at run time).
package hudson.security;

public interface AccessControlled {

    default boolean hasPermission(Permission permission) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
