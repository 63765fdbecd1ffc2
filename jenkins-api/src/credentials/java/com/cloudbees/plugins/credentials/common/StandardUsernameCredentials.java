// Compile-time mirror of org.jenkins-ci.plugins:credentials:1453.v9b_a_29777a_b_fd (only the members mlship uses; provided by Jenkins at run time).
package com.cloudbees.plugins.credentials.common;

public interface StandardUsernameCredentials extends StandardCredentials, UsernameCredentials {
}
