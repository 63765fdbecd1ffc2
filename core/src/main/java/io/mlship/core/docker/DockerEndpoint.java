package io.mlship.core.docker;

import io.mlship.core.MlshipException;
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

    private static final java.util.regex.Pattern VALID = java.util.regex.Pattern.compile(
            "unix:///\\S+|npipe:////\\S+|tcp://[^\\s/:]+:\\d{1,5}/?");

    /** Refused up front, naming where the value came from: docker-java would fail later with a NullPointerException. */
    public DockerEndpoint {
        if (host == null || !VALID.matcher(host).matches()) {
            throw new MlshipException("Docker host `" + host + "` (" + chosenBecause + ": --docker-host or DOCKER_HOST) is "
                    + "not a Docker address: write unix:///run/mlship/docker.sock or tcp://HOST:2375");
        }
    }

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
