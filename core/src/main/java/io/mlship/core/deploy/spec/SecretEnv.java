package io.mlship.core.deploy.spec;

/** An environment variable whose value comes from a key of a Kubernetes Secret (never from mlship.yaml). */
public record SecretEnv(String name, String secret, String key) {
}
