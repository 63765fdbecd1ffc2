package io.mlship.plugin.cli;

import java.io.IOException;

/**
 * Finds a credential by id the way a build may use it (on Jenkins: {@code CredentialsProvider.findCredentialById}
 * in the context of the run, on the controller). The only Jenkins call behind the steps' credentials ids.
 */
public interface CredentialsLookup {

    /** The credential, or null when none has this id or the build may not use it. */
    FoundCredential find(String id) throws IOException, InterruptedException;
}
