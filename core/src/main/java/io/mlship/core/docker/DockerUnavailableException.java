package io.mlship.core.docker;

import io.mlship.core.MlshipException;

/** The Docker daemon could not be reached; the message names the endpoint and the fix. */
public final class DockerUnavailableException extends MlshipException {

    private static final long serialVersionUID = 1L;

    DockerUnavailableException(DockerEndpoint endpoint, Throwable cause) {
        super("cannot reach the Docker daemon at " + endpoint.host() + " (" + endpoint.chosenBecause() + "): "
                + rootMessage(cause) + ". Fix: start mlship's daemon with `scripts/services start` (as root), "
                + "or point DOCKER_HOST at a running daemon.", cause);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
