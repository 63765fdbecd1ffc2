package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;

/** The container being diagnosed, as the daemon's inspect describes it now. */
record DockerContainer(InspectContainerResponse inspect) {

    static java.util.Optional<DockerContainer> lookup(DockerClient docker, String name) {
        try {
            return java.util.Optional.of(new DockerContainer(docker.inspectContainerCmd(name).exec()));
        } catch (NotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    static MlshipException notFound(String name) {
        return new MlshipException("no container `" + name + "` on the Docker daemon (it never existed or was removed,"
                    + " and a removed container leaves no evidence behind); list them with `docker ps -a`, or diagnose"
                    + " its history with --prometheus");
    }

    String id() {
        return inspect.getId();
    }

    String shortId() {
        return id().substring(0, 12);
    }

    String name() {
        String n = inspect.getName();
        return n != null && n.startsWith("/") ? n.substring(1) : n;
    }

    boolean running() {
        return Boolean.TRUE.equals(inspect.getState().getRunning());
    }

    String stateText() {
        InspectContainerResponse.ContainerState s = inspect.getState();
        return running() ? "running since " + s.getStartedAt()
                : s.getStatus() + " with exit code " + s.getExitCodeLong() + " at " + s.getFinishedAt();
    }
}
