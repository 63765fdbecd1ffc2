package io.mlship.plugin.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step's credentials ids turned into the CLI's variables: which id becomes which variable, and why a step fails
 * when an id names no credential it can use. The values go into the CLI process environment only (never on its
 * command line, never into the step's XML, which holds the ids), and every secret among them is masked in the
 * build log by {@link MaskingOutputStream} and in the CLI's stored files by {@code --mask-env}.
 */
public final class StepCredentials {

    private final Map<String, String> variables;
    private final Map<String, byte[]> files;
    private final List<String> described;

    private StepCredentials(Map<String, String> variables, Map<String, byte[]> files, List<String> described) {
        this.variables = Collections.unmodifiableMap(variables);
        this.files = Collections.unmodifiableMap(files);
        this.described = List.copyOf(described);
    }

    /** No credentials id given: the pipeline's variables as they are. */
    public static StepCredentials none() {
        return new StepCredentials(Map.of(), Map.of(), List.of());
    }

    /**
     * Looks up each id (on the controller) and checks its kind.
     *
     * @param ids    the step's credentials ids by use; null values are ids not given
     * @param job    the job's full name, for messages (credentials in a folder are seen only by the jobs inside)
     * @throws CliStepException when an id names no credential the build may use, or one of another kind, or an empty one
     */
    public static StepCredentials resolve(Map<CredentialUse, String> ids, String job, CredentialsLookup lookup) throws InterruptedException {
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<String> described = new ArrayList<>();
        for (Map.Entry<CredentialUse, String> entry : ids.entrySet()) {
            CredentialUse use = entry.getKey();
            String id = entry.getValue();
            if (id == null || id.isBlank()) {
                continue;
            }
            FoundCredential found = find(use, id.trim(), job, lookup);
            // The step's credential replaces what the pipeline bound for the same purpose.
            use.variables().forEach(name -> variables.put(name, ""));
            List<String> set = bind(use, id.trim(), found, variables, files);
            described.add(use.parameter() + " '" + id.trim() + "' (" + found.kind() + ") as $" + String.join(", $", set));
        }
        return new StepCredentials(variables, files, described);
    }

    private static FoundCredential find(CredentialUse use, String id, String job, CredentialsLookup lookup) throws InterruptedException {
        FoundCredential found;
        try {
            found = lookup.find(id);
        } catch (IOException e) {
            throw new CliStepException("cannot read credentials '" + id + "' (" + use.parameter() + "): " + e.getMessage()
                    + ". Check the credential in Manage Jenkins » Credentials.", e);
        }
        if (found == null) {
            throw new CliStepException("credentials '" + id + "' not found (" + use.parameter() + ")"
                    + (job == null ? "" : " for job '" + job + "'") + ": add it in Manage Jenkins » Credentials (global, or in a "
                    + "folder that holds the job) or fix the id. It must be " + use.accepts() + ".");
        }
        return found;
    }

    /** Sets the variables of one credential; returns their names (for the log line, never the values). */
    private static List<String> bind(CredentialUse use, String id, FoundCredential found, Map<String, String> variables,
                                     Map<String, byte[]> files) {
        switch (use) {
            case REGISTRY -> {
                if (found instanceof FoundCredential.UsernamePassword up) {
                    variables.put(CliEnvironment.REGISTRY_USER, requireValue(use, id, up.username(), "username"));
                    variables.put(CliEnvironment.REGISTRY_PASSWORD, requireValue(use, id, up.password(), "password"));
                    return List.of(CliEnvironment.REGISTRY_USER, CliEnvironment.REGISTRY_PASSWORD);
                }
            }
            case KUBE -> {
                if (found instanceof FoundCredential.SecretText text) {
                    variables.put(CliEnvironment.KUBE_TOKEN, requireValue(use, id, text.secret().strip(), "secret"));
                    return List.of(CliEnvironment.KUBE_TOKEN);
                }
                if (found instanceof FoundCredential.SecretFile file) {
                    if (file.content().length == 0) {
                        throw empty(use, id, "file");
                    }
                    files.put(CliEnvironment.KUBECONFIG, file.content());
                    return List.of(CliEnvironment.KUBECONFIG);
                }
            }
        }
        throw new CliStepException("credentials '" + id + "' (" + use.parameter() + ") is a " + found.kind() + " credential ("
                + found.type() + "), but " + use.parameter() + " takes " + use.accepts() + ": give the id of such a credential, "
                + "or add one in Manage Jenkins » Credentials.");
    }

    private static String requireValue(CredentialUse use, String id, String value, String what) {
        if (value == null || value.isBlank()) {
            throw empty(use, id, what);
        }
        return value;
    }

    private static CliStepException empty(CredentialUse use, String id, String what) {
        return new CliStepException("credentials '" + id + "' (" + use.parameter() + ") has an empty " + what
                + ": set it in Manage Jenkins » Credentials.");
    }

    /**
     * The pipeline's variables with the credentials' on top: a variable the credential's use covers but it does not
     * set is blanked (e.g. a bound $MLSHIP_KUBE_TOKEN when kubeCredentialsId names a kubeconfig).
     */
    public Map<String, String> over(Map<String, String> pipeline) {
        Map<String, String> merged = new LinkedHashMap<>(pipeline);
        merged.putAll(variables);
        return merged;
    }

    /** Secret files by the variable that will point at them on the agent (e.g. $MLSHIP_KUBECONFIG). */
    public Map<String, byte[]> files() {
        return files;
    }

    /** One line per credential for the build log: parameter, id, kind and variables, never a value. */
    public List<String> described() {
        return described;
    }

    /** Never shows a value. */
    @Override
    public String toString() {
        return "StepCredentials" + described;
    }
}
