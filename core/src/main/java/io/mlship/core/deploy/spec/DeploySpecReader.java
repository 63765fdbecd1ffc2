package io.mlship.core.deploy.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.project.ModelProject;
import io.mlship.core.project.YamlFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code deploy:} section of a project's {@code mlship.yaml} into a {@link DeploySpec}.
 * Every error names the file and the field path ({@code deploy.resources.limits.memory}); unknown
 * keys are errors too, because a misspelt {@code limts:} would otherwise deploy without limits.
 */
public final class DeploySpecReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private DeploySpecReader() {
    }

    /**
     * For a rollback, which needs no image (it goes back to what ran before): a section without one gets
     * {@link DeployImage#NOT_NEEDED}.
     */
    public static DeploySpec readForRollback(Path projectDirectory, DeployOverrides overrides) {
        try {
            return read(projectDirectory, overrides);
        } catch (MlshipException e) {
            if (overrides.image().isEmpty() && e.getMessage().contains("deploy.image is missing")) {
                return read(projectDirectory, overrides.withImage(DeployImage.NOT_NEEDED));
            }
            throw e;
        }
    }

    public static DeploySpec read(Path projectDirectory, DeployOverrides overrides) {
        if (!Files.isDirectory(projectDirectory)) {
            throw new MlshipException("project folder " + projectDirectory.toAbsolutePath() + (Files.exists(projectDirectory)
                    ? " is not a folder" : " does not exist") + " (--project): pass the folder that holds mlship.yaml");
        }
        checkOverrides(overrides);
        ModelProject project = ModelProject.load(projectDirectory);
        Path file = projectDirectory.resolve(ModelProject.FILE_NAME);
        JsonNode deploy = null;
        if (Files.isRegularFile(file)) {
            try {
                JsonNode root = YAML.readTree(file.toFile());
                deploy = root == null ? null : root.get("deploy");
            } catch (JsonProcessingException e) {
                throw new MlshipException(file + " is not valid YAML: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new MlshipException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return read(file, deploy, project, overrides);
    }

    static DeploySpec read(Path file, JsonNode deploy, ModelProject project, DeployOverrides overrides) {
        Fields f = new Fields(file);
        JsonNode d = deploy == null || deploy.isNull() ? YAML.createObjectNode() : f.object(deploy, "deploy");
        f.allowOnly(d, "deploy", Set.of("name", "namespace", "image", "replicas", "port", "target", "resources", "env",
                "secretEnv", "probes", "rollout", "manifests", "docker", "openshift", "shadow"));
        JsonNode resources = f.child(d, "deploy.resources");
        f.allowOnly(resources, "deploy.resources", Set.of("requests", "limits"));
        JsonNode requests = f.child(resources, "deploy.resources.requests");
        JsonNode limits = f.child(resources, "deploy.resources.limits");
        f.allowOnly(requests, "deploy.resources.requests", Set.of("memory", "cpu"));
        f.allowOnly(limits, "deploy.resources.limits", Set.of("memory", "cpu"));
        JsonNode probes = f.child(d, "deploy.probes");
        f.allowOnly(probes, "deploy.probes", Set.of("readiness", "liveness"));
        JsonNode rollout = f.child(d, "deploy.rollout");
        f.allowOnly(rollout, "deploy.rollout", Set.of("progressDeadlineSeconds", "readinessWindowSeconds",
                "crashLoopRestarts", "rollback", "lockTimeoutSeconds"));
        JsonNode docker = f.child(d, "deploy.docker");
        f.allowOnly(docker, "deploy.docker", Set.of("hostIp", "hostPort", "restartRetries"));
        JsonNode openshift = f.child(d, "deploy.openshift");
        f.allowOnly(openshift, "deploy.openshift", Set.of("kind", "route", "routeHost"));

        String image = overrides.image().or(() -> f.text(d, "deploy.image")).orElse(null);
        DeployTarget target = overrides.target().orElseGet(() ->
                f.text(d, "deploy.target").map(t -> DeployTarget.parse(t, "deploy.target")).orElse(DeployTarget.KUBERNETES));
        Resources res = new Resources(
                f.text(requests, "deploy.resources.requests.memory").map(m -> memory(m, file, "deploy.resources.requests.memory")),
                f.text(limits, "deploy.resources.limits.memory").map(m -> memory(m, file, "deploy.resources.limits.memory")),
                f.text(requests, "deploy.resources.requests.cpu").map(c -> CpuQuantity.parse(c, file + ": deploy.resources.requests.cpu")),
                f.text(limits, "deploy.resources.limits.cpu").map(c -> CpuQuantity.parse(c, file + ": deploy.resources.limits.cpu")));
        RolloutPolicy defaults = RolloutPolicy.defaults();
        RolloutPolicy policy = new RolloutPolicy(
                f.seconds(rollout, "deploy.rollout.progressDeadlineSeconds").orElse(defaults.progressDeadline()),
                f.seconds(rollout, "deploy.rollout.readinessWindowSeconds").orElse(defaults.readinessWindow()),
                f.integer(rollout, "deploy.rollout.crashLoopRestarts", 0).orElse(defaults.crashLoopRestarts()),
                f.bool(rollout, "deploy.rollout.rollback").orElse(defaults.rollback()),
                f.seconds(rollout, "deploy.rollout.lockTimeoutSeconds").orElse(defaults.lockTimeout()));
        String kind = f.text(openshift, "deploy.openshift.kind").orElse("Deployment");
        if (!kind.equals("Deployment") && !kind.equals("DeploymentConfig")) {
            throw f.wrong("deploy.openshift.kind", "Deployment or DeploymentConfig");
        }
        try {
            return DeploySpec.builder()
                    .name(overrides.name().or(() -> f.text(d, "deploy.name")).orElse(project.name()))
                    .namespace(overrides.namespace().or(() -> f.text(d, "deploy.namespace")).orElse("default"))
                    .image(new DeployImage(image))
                    .replicas(f.integer(d, "deploy.replicas", 1).orElse(1))
                    .port(f.integer(d, "deploy.port", 1).or(() -> project.image().port()).orElse(8080))
                    .target(target)
                    .resources(res)
                    .env(f.scalars(d, "deploy.env"))
                    .secretEnv(f.secretEnv(d))
                    .readiness(f.probe(probes, "deploy.probes.readiness").orElse(HttpProbe.readinessDefault()))
                    .liveness(f.probe(probes, "deploy.probes.liveness"))
                    .policy(policy)
                    .manifests(f.texts(d, "deploy.manifests").stream().map(m -> file.getParent().resolve(m).normalize()).toList())
                    .docker(new DockerHostOptions(f.text(docker, "deploy.docker.hostIp").orElse("0.0.0.0"),
                            f.integer(docker, "deploy.docker.hostPort", 1),
                            f.integer(docker, "deploy.docker.restartRetries", 0).orElse(3)))
                    .openshift(new OpenShiftOptions(kind.equals("DeploymentConfig"), f.bool(openshift, "deploy.openshift.route").orElse(true),
                            f.text(openshift, "deploy.openshift.routeHost")))
                    .build();
        } catch (MlshipException e) {
            throw new MlshipException(file + ": " + e.getMessage(), e);
        }
    }

    /** A value given by option is blamed on the option, not on the mlship.yaml field it overrides. */
    private static void checkOverrides(DeployOverrides overrides) {
        overrides.name().filter(n -> !DeploySpec.isValidName(n)).ifPresent(n -> {
            throw new MlshipException("--name `" + n + "` (Jenkins: name:) is not a valid name: use at most 53 lowercase "
                    + "letters, digits and '-', starting and ending with a letter or digit, e.g. iris-model");
        });
        overrides.namespace().filter(n -> !DeploySpec.isValidNamespace(n)).ifPresent(n -> {
            throw new MlshipException("--namespace `" + n + "` (Jenkins: namespace:) is not a valid namespace name: use "
                    + "lowercase letters, digits and '-', e.g. models");
        });
    }

    private static MemorySize memory(String text, Path file, String path) {
        try {
            return MemorySize.parse(text);
        } catch (MlshipException e) {
            throw new MlshipException(file + ": " + path + " `" + text + "` is not a memory size: write it like 128Mi or 1Gi");
        }
    }

    /** Typed fields of the section; each error names the file and the field path. */
    /** The shared typed fields, and those only the deploy section has. */
    private static final class Fields extends YamlFields {

        Fields(Path file) {
            super(file);
        }

        Optional<Duration> seconds(JsonNode parent, String path) {
            return integer(parent, path, 1).map(Duration::ofSeconds);
        }

        List<SecretEnv> secretEnv(JsonNode deploy) {
            JsonNode node = deploy.get("secretEnv");
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw wrong("deploy.secretEnv", "a list of {name, secret, key}");
            }
            List<SecretEnv> values = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String path = "deploy.secretEnv[" + i + "]";
                JsonNode item = object(node.get(i), path);
                allowOnly(item, path, Set.of("name", "secret", "key"));
                values.add(new SecretEnv(
                        text(item, path + ".name").orElseThrow(() -> wrong(path + ".name", "set")),
                        text(item, path + ".secret").orElseThrow(() -> wrong(path + ".secret", "set")),
                        text(item, path + ".key").orElseThrow(() -> wrong(path + ".key", "set"))));
            }
            return values;
        }

        Optional<HttpProbe> probe(JsonNode probes, String path) {
            JsonNode node = child(probes, path);
            if (node == null) {
                return Optional.empty();
            }
            allowOnly(node, path, Set.of("path", "initialDelaySeconds", "periodSeconds", "failureThreshold"));
            HttpProbe defaults = HttpProbe.readinessDefault();
            return Optional.of(new HttpProbe(text(node, path + ".path").orElse(defaults.path()),
                    integer(node, path + ".initialDelaySeconds", 0).orElse(defaults.initialDelaySeconds()),
                    integer(node, path + ".periodSeconds", 1).orElse(defaults.periodSeconds()),
                    integer(node, path + ".failureThreshold", 1).orElse(defaults.failureThreshold())));
        }
    }
}
