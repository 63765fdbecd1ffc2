package io.mlship.plugin;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.Run;
import io.mlship.plugin.cli.CredentialsLookup;
import io.mlship.plugin.cli.FoundCredential;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The credentials a build may use, looked up on the controller as the Credentials plugin resolves an id for a run
 * (the job's folders and the global store, the build's authentication, credentials parameters). Any type is looked
 * up, so a credential of the wrong kind is reported as such by {@link io.mlship.plugin.cli.StepCredentials}; the build
 * is recorded as a use of the credential found.
 */
final class RunCredentials implements CredentialsLookup {

    private final Run<?, ?> run;

    RunCredentials(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public FoundCredential find(String id) throws IOException {
        IdCredentials found = CredentialsProvider.findCredentialById(id, IdCredentials.class, run, List.of());
        if (found == null) {
            return null;
        }
        // The build then shows under the credential's usage (its fingerprint) in Manage Jenkins » Credentials.
        CredentialsProvider.track(run, found);
        String type = found.getClass().getSimpleName();
        if (found instanceof StandardUsernamePasswordCredentials c) {
            return new FoundCredential.UsernamePassword(type, c.getUsername(), c.getPassword().getPlainText());
        } else if (found instanceof StringCredentials c) {
            return new FoundCredential.SecretText(type, c.getSecret().getPlainText());
        } else if (found instanceof FileCredentials c) {
            try (InputStream content = c.getContent()) {
                return new FoundCredential.SecretFile(type, c.getFileName(), content.readAllBytes());
            }
        }
        return new FoundCredential.Other(type);
    }
}
