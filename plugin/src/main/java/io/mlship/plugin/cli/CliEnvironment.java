package io.mlship.plugin.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a step's CLI process gets, built from the pipeline's variables only. Jenkins starts the process
 * with the agent's own environment underneath, so every variable that would reach a daemon, a cluster or a
 * credential store of the machine (DOCKER_HOST, KUBECONFIG, the in-cluster service account, the home folder with
 * ~/.docker and ~/.kube) is removed or pointed at an empty folder, unless the step opts in with
 * {@code useAgentEnvironment: true}. On the built-in node the agent is the controller: without this, any
 * Jenkinsfile author would reach the controller's Docker socket and cluster.
 *
 * <p>What the pipeline passes, by name (bind secrets with {@code withCredentials}, or name Jenkins credentials with
 * the steps' {@code registryCredentialsId}/{@code kubeCredentialsId}, see {@link StepCredentials}, which set the same
 * variables; either way the values are masked in the build log, and the CLI is told with {@code --mask-env} to mask
 * them in its stored logs and reports):
 * {@value #REGISTRY_USER}/{@value #REGISTRY_PASSWORD}, {@value #KUBE_TOKEN}, {@value #KUBECONFIG} (a kubeconfig
 * file, e.g. {@code withCredentials([file(credentialsId: 'kube', variable: 'MLSHIP_KUBECONFIG')])}) and
 * {@value #DOCKER_HOST}.
 */
public final class CliEnvironment {

    public static final String REGISTRY_USER = "MLSHIP_REGISTRY_USER";
    public static final String REGISTRY_PASSWORD = "MLSHIP_REGISTRY_PASSWORD";
    public static final String KUBE_TOKEN = "MLSHIP_KUBE_TOKEN";
    public static final String KUBECONFIG = "MLSHIP_KUBECONFIG";
    public static final String DOCKER_HOST = "MLSHIP_DOCKER_HOST";

    /** Pipeline variables passed to the process as they are; the secret ones are also masked by the CLI. */
    static final List<String> PASSED = List.of(REGISTRY_USER, REGISTRY_PASSWORD, KUBE_TOKEN);
    static final List<String> SECRETS = List.of(REGISTRY_PASSWORD, KUBE_TOKEN);

    /**
     * Variables of the agent's own environment that point at a daemon, a cluster or credentials; removed unless
     * the step opts in. (Jenkins removes a variable when it is overridden with an empty value.)
     */
    static final List<String> AMBIENT = List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "DOCKER_CERT_PATH",
            "DOCKER_TLS_VERIFY", "KUBECONFIG", "KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT", "KUBERNETES_MASTER",
            "KUBERNETES_AUTH_TOKEN", "KUBERNETES_AUTH_TRYSERVICEACCOUNT", "KUBERNETES_AUTH_TRYKUBECONFIG", "HOME");

    private final Map<String, String> pipeline;
    private final boolean useAgentEnvironment;
    private final List<String> maskVariables;
    /** Secret files to write on the agent before the process starts, by the variable that points at them. */
    private final Map<String, byte[]> secretFiles;

    /**
     * @param pipeline      the step's environment (the pipeline's variables, including those withCredentials bound)
     * @param maskVariables the step's {@code maskVariables}: more bound variables whose values are secrets; they are
     *                      passed to the process (so the CLI can mask their values) and named with {@code --mask-env}
     */
    public CliEnvironment(Map<String, String> pipeline, boolean useAgentEnvironment, List<String> maskVariables) {
        this(pipeline, useAgentEnvironment, maskVariables, Map.of());
    }

    /**
     * @param pipeline    the pipeline's variables with the step's credentials on top ({@link StepCredentials#over})
     * @param secretFiles the step's secret files ({@link StepCredentials#files}), written on the agent by {@link CliRunner}
     */
    public CliEnvironment(Map<String, String> pipeline, boolean useAgentEnvironment, List<String> maskVariables,
                          Map<String, byte[]> secretFiles) {
        this.pipeline = Map.copyOf(withoutNulls(pipeline));
        this.useAgentEnvironment = useAgentEnvironment;
        this.maskVariables = List.copyOf(maskVariables);
        this.secretFiles = Map.copyOf(secretFiles);
    }

    /** Secret files to write on the agent, by variable (e.g. {@value #KUBECONFIG} for a kubeconfig credential). */
    public Map<String, byte[]> secretFiles() {
        return secretFiles;
    }

    /** This environment once the secret files are written: each file's variable points at its path on the agent. */
    public CliEnvironment withSecretFilesAt(Map<String, String> paths) {
        Map<String, String> merged = new LinkedHashMap<>(pipeline);
        merged.putAll(paths);
        return new CliEnvironment(merged, useAgentEnvironment, maskVariables, Map.of());
    }

    public boolean usesAgentEnvironment() {
        return useAgentEnvironment;
    }

    /** A pipeline variable, null when unset or blank. */
    public String get(String name) {
        String value = pipeline.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The variables to set on the process (an empty value removes one): the passed pipeline variables and a named
     * kubeconfig, and without the opt-in the ambient ones removed and HOME pointed at {@code home} (an empty folder
     * on the agent).
     */
    public Map<String, String> variables(String home) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (!useAgentEnvironment) {
            AMBIENT.forEach(name -> variables.put(name, ""));
            variables.put("HOME", home);
        }
        // A kubeconfig the pipeline or the step's kubeCredentialsId names wins over the agent's, also with the opt-in.
        Optional.ofNullable(get(KUBECONFIG)).ifPresent(file -> variables.put("KUBECONFIG", file));
        for (String name : PASSED) {
            Optional.ofNullable(get(name)).ifPresent(value -> variables.put(name, value));
        }
        for (String name : maskVariables) {
            variables.put(name, requireBound(name));
        }
        return variables;
    }

    /** Variable names whose values the CLI must mask (given with {@code --mask-env}): the bound secrets and the step's maskVariables. */
    public List<String> maskedVariables() {
        List<String> names = new ArrayList<>();
        for (String name : SECRETS) {
            if (get(name) != null) {
                names.add(name);
            }
        }
        for (String name : maskVariables) {
            requireBound(name);
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** The values behind {@link #maskedVariables()}: what the step masks in the build log. */
    public List<String> secretValues() {
        List<String> values = new ArrayList<>();
        for (String name : maskedVariables()) {
            String value = pipeline.get(name);
            if (value != null && !value.isEmpty()) {
                values.add(value);
            }
        }
        return values;
    }

    private String requireBound(String name) {
        String value = pipeline.get(name);
        if (value == null) {
            throw new CliStepException("maskVariables names $" + name + ", which is not set here; bind it with withCredentials "
                    + "around the step, or drop it from maskVariables");
        }
        return value;
    }

    /**
     * JVM options of the CLI: without the opt-in Java's {@code user.home} (which comes from the password database,
     * not HOME) is the empty folder too, and the Kubernetes client tries neither the service account of a pod agent
     * nor a kubeconfig other than the one the pipeline bound.
     */
    public List<String> jvmOptions(String home) {
        if (useAgentEnvironment) {
            return List.of();
        }
        List<String> options = new ArrayList<>();
        options.add("-Duser.home=" + home);
        options.add("-Dkubernetes.auth.tryServiceAccount=false");
        if (get(KUBECONFIG) == null) {
            options.add("-Dkubernetes.auth.tryKubeConfig=false");
        }
        return options;
    }

    /**
     * The Docker daemon a step names: its {@code dockerHost} argument, else {@value #DOCKER_HOST} from the pipeline;
     * empty when neither is given, which is allowed only with the opt-in (then the CLI resolves DOCKER_HOST and the
     * local sockets of the agent, as on a laptop).
     */
    public Optional<String> dockerHost(String stepArgument, String step) {
        if (stepArgument != null && !stepArgument.isBlank()) {
            return Optional.of(stepArgument);
        }
        Optional<String> bound = Optional.ofNullable(get(DOCKER_HOST));
        if (bound.isEmpty() && !useAgentEnvironment) {
            throw new CliStepException(step + ": no Docker daemon is named. The step does not fall back to the agent's "
                    + "DOCKER_HOST or local Docker socket (on the built-in node that would be the controller's). Set dockerHost: "
                    + "on the step, bind $" + DOCKER_HOST + " (e.g. withEnv(['" + DOCKER_HOST + "=tcp://docker:2376'])), or "
                    + "pass useAgentEnvironment: true to use the agent's own Docker daemon.");
        }
        return bound;
    }

    private static Map<String, String> withoutNulls(Map<String, String> map) {
        Map<String, String> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
