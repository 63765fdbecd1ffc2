package io.mlship.core.deploy.spec;

import io.mlship.core.MlshipException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    public DeploySpec withImage(DeployImage other) {
        return new DeploySpec(name, namespace, other, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withTarget(DeployTarget other) {
        return new DeploySpec(name, namespace, image, replicas, port, other, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withNamespace(String other) {
        return new DeploySpec(name, other, image, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withName(String other) {
        return new DeploySpec(other, namespace, image, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withPolicy(RolloutPolicy other) {
        return new DeploySpec(name, namespace, image, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, other, manifests, docker, openshift);
    }

    public DeploySpec withResources(Resources other) {
        return new DeploySpec(name, namespace, image, replicas, port, target, other, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withReplicas(int other) {
        return new DeploySpec(name, namespace, image, other, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }

    public DeploySpec withDocker(DockerHostOptions other) {
        return new DeploySpec(name, namespace, image, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, other, openshift);
    }

    public DeploySpec withOpenShift(OpenShiftOptions other) {
        return new DeploySpec(name, namespace, image, replicas, port, target, resources, env, secretEnv, readiness,
                liveness, policy, manifests, docker, other);
    }

    public DeploySpec withEnv(Map<String, String> other) {
        return new DeploySpec(name, namespace, image, replicas, port, target, resources, other, secretEnv, readiness,
                liveness, policy, manifests, docker, openshift);
    }
}
