// Compile-time mirror of org.jenkins-ci.plugins:credentials:1453.v9b_a_29777a_b_fd (only the members mlship uses; provided by Jenkins at run time).
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Run;
import java.util.List;
import org.jenkins.ui.icon.IconSpec;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements ExtensionPoint, Describable<CredentialsProvider>, IconSpec {

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
                                                                 List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }

    @SuppressWarnings("rawtypes") // upstream takes a raw Run
    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("mirror: provided by Jenkins at run time");
    }
}
