package io.mlship.core.deploy.spec;

import java.util.Optional;

/**
 * Docker-target settings: which host address and port publish the model port, and how often
 * Docker restarts a failing container ({@code on-failure:N}).
 */
public record DockerHostOptions(String hostIp, Optional<Integer> hostPort, int restartRetries) {

    public static DockerHostOptions defaults() {
        return new DockerHostOptions("0.0.0.0", Optional.empty(), 3);
    }
}
