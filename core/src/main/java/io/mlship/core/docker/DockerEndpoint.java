package io.mlship.core.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Which Docker daemon mlship talks to, and why that one: an explicit host wins, then the
 * {@code DOCKER_HOST} of the environment, then the private daemon {@code scripts/services} starts,
 * then the system socket.
 */
public record DockerEndpoint(String host, String chosenBecause) {

    /** Where {@code scripts/services start} puts its private daemon's socket. */
    public static final Path SERVICES_SOCKET = Path.of("/run/mlship/docker.sock");
    static final Path SYSTEM_SOCKET = Path.of("/var/run/docker.sock");

    public static DockerEndpoint resolve(Optional<String> explicitHost, Map<String, String> environment) {
        if (explicitHost.isPresent() && !explicitHost.get().isBlank()) {
            return new DockerEndpoint(explicitHost.get(), "given explicitly");
        }
        String fromEnvironment = environment.get("DOCKER_HOST");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new DockerEndpoint(fromEnvironment, "from DOCKER_HOST");
        }
        if (Files.exists(SERVICES_SOCKET)) {
            return new DockerEndpoint("unix://" + SERVICES_SOCKET, "the daemon started by scripts/services");
        }
        return new DockerEndpoint("unix://" + SYSTEM_SOCKET, "the system default");
    }

    public static DockerEndpoint fromEnvironment() {
        return resolve(Optional.empty(), System.getenv());
    }
}
