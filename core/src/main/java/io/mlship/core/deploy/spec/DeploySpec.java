package io.mlship.core.deploy.spec;

import io.mlship.core.MlshipException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What to deploy and how, as the {@code deploy:} section of {@code mlship.yaml} says (see
 * {@link DeploySpecReader}); front ends may override the image, target, namespace and policy.
 *
 * @param manifests user manifests to apply instead of the rendered objects (their model image is overridden)
 */
public record DeploySpec(String name, String namespace, DeployImage image, int replicas, int port,
                         DeployTarget target, Resources resources, Map<String, String> env, List<SecretEnv> secretEnv,
                         HttpProbe readiness, Optional<HttpProbe> liveness, RolloutPolicy policy,
                         List<Path> manifests, DockerHostOptions docker, OpenShiftOptions openshift) {

    /** RFC 1123 label: what Kubernetes accepts as a Deployment/Service name (and Docker as a container name). */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** 53, not 63: the ReplicaSet and pod names add a hash suffix to it. */
    public static boolean isValidName(String name) {
        return name != null && name.length() <= 53 && DNS_LABEL.matcher(name).matches();
    }

    public static boolean isValidNamespace(String namespace) {
        return namespace != null && namespace.length() <= 63 && DNS_LABEL.matcher(namespace).matches();
    }

    public DeploySpec {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(target, "target");
        env = env == null ? Map.of() : Map.copyOf(env);
        secretEnv = secretEnv == null ? List.of() : List.copyOf(secretEnv);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        liveness = liveness == null ? Optional.empty() : liveness;
        resources = resources == null ? Resources.none() : resources;
        policy = policy == null ? RolloutPolicy.defaults() : policy;
        docker = docker == null ? DockerHostOptions.defaults() : docker;
        openshift = openshift == null ? OpenShiftOptions.defaults() : openshift;
        if (!isValidName(name)) {
            // 53, not 63: the ReplicaSet and pod names add a hash suffix to it.
            throw new MlshipException("deploy.name `" + name + "` is not a valid name: use at most 53 lowercase letters, "
                    + "digits and '-', starting and ending with a letter or digit, e.g. iris-model");
        }
        if (!isValidNamespace(namespace)) {
            throw new MlshipException("deploy.namespace `" + namespace + "` is not a valid namespace name: use lowercase "
                    + "letters, digits and '-', e.g. models");
        }
        if (replicas < 1 || replicas > 1000) {
            throw new MlshipException("deploy.replicas " + replicas + " must be between 1 and 1000");
        }
        if (port < 1 || port > 65535) {
            throw new MlshipException("deploy.port " + port + " is not a TCP port (1-65535)");
        }
        if (!readiness.path().startsWith("/")) {
            throw new MlshipException("deploy.probes.readiness.path `" + readiness.path() + "` must start with /, e.g. /v2/health/ready");
        }
        if (resources.memoryRequest().isPresent() && resources.memoryLimit().isPresent()
                && resources.memoryRequest().get().compareTo(resources.memoryLimit().get()) > 0) {
            throw new MlshipException("deploy.resources.requests.memory " + resources.memoryRequest().get().toKubernetesQuantity()
                    + " is above deploy.resources.limits.memory " + resources.memoryLimit().get().toKubernetesQuantity()
                    + ": a request may not exceed its limit");
        }
        for (String key : env.keySet()) {
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new MlshipException("deploy.env." + key + " is not a valid environment variable name");
            }
        }
    }

    /** Kubernetes-style "namespace/name", the way people refer to the object. */
    public String qualifiedName() {
        return namespace + "/" + name;
    }

    /** A builder holding this spec's values, for "the same, except": {@code spec.toBuilder().image(other).build()}. */
    public Builder toBuilder() {
        return builder(this);
    }

    /** A builder starting from {@code from}'s values. */
    public static Builder builder(DeploySpec from) {
        return new Builder().name(from.name).namespace(from.namespace).image(from.image).replicas(from.replicas)
                .port(from.port).target(from.target).resources(from.resources).env(from.env).secretEnv(from.secretEnv)
                .readiness(from.readiness).liveness(from.liveness).policy(from.policy).manifests(from.manifests)
                .docker(from.docker).openshift(from.openshift);
    }

    /**
     * A builder with the defaults of an empty {@code deploy:} section (namespace {@code default}, one replica,
     * port 8080, Kubernetes, KServe readiness); name and image have no default and must be set.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DeploySpec}; every field not set keeps its default (or the copied value), never null. */
    public static final class Builder {
        private String name;
        private String namespace = "default";
        private DeployImage image;
        private int replicas = 1;
        private int port = 8080;
        private DeployTarget target = DeployTarget.KUBERNETES;
        private Resources resources = Resources.none();
        private Map<String, String> env = Map.of();
        private List<SecretEnv> secretEnv = List.of();
        private HttpProbe readiness = HttpProbe.readinessDefault();
        private Optional<HttpProbe> liveness = Optional.empty();
        private RolloutPolicy policy = RolloutPolicy.defaults();
        private List<Path> manifests = List.of();
        private DockerHostOptions docker = DockerHostOptions.defaults();
        private OpenShiftOptions openshift = OpenShiftOptions.defaults();

        private Builder() {
        }

        public Builder name(String value) { name = value; return this; }
        public Builder namespace(String value) { namespace = value; return this; }
        public Builder image(DeployImage value) { image = value; return this; }
        public Builder replicas(int value) { replicas = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder target(DeployTarget value) { target = value; return this; }
        public Builder resources(Resources value) { resources = value; return this; }
        public Builder env(Map<String, String> value) { env = value; return this; }
        public Builder secretEnv(List<SecretEnv> value) { secretEnv = value; return this; }
        public Builder readiness(HttpProbe value) { readiness = value; return this; }
        public Builder liveness(Optional<HttpProbe> value) { liveness = value; return this; }
        public Builder policy(RolloutPolicy value) { policy = value; return this; }
        public Builder manifests(List<Path> value) { manifests = value; return this; }
        public Builder docker(DockerHostOptions value) { docker = value; return this; }
        public Builder openshift(OpenShiftOptions value) { openshift = value; return this; }

        /** Changes the rollout policy in place of reading, changing and setting it again. */
        public Builder policy(UnaryOperator<RolloutPolicy> change) {
            policy = change.apply(policy);
            return this;
        }

        /** @throws MlshipException when a value is out of range, as the canonical constructor checks */
        public DeploySpec build() {
            return new DeploySpec(name, namespace, image, replicas, port, target, resources, env, secretEnv, readiness,
                    liveness, policy, manifests, docker, openshift);
        }
    }
}
