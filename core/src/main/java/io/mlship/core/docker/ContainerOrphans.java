package io.mlship.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.mlship.core.log.LogSink;
import java.util.List;
import java.util.Map;

/**
 * Containers mlship started for itself (role {@code verify}) whose owning process was killed before it could
 * remove them: found by their {@link ProcessOwner} labels and removed by the next run, so a {@code kill -9}
 * does not leave a server holding memory and a port. Containers of live owners or of other hosts are left alone.
 */
public final class ContainerOrphans {

    private ContainerOrphans() {
    }

    /** Removes the dead owners' containers of this role; returns their names. */
    public static List<String> removeDead(DockerClient docker, String role, LogSink console) {
        List<Container> candidates = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ProcessOwner.ROLE_LABEL, role)).exec();
        List<String> removed = new java.util.ArrayList<>();
        for (Container c : candidates) {
            String owner = c.getLabels() == null ? null : c.getLabels().get(ProcessOwner.LABEL);
            if (!ProcessOwner.isDead(owner)) {
                continue;
            }
            String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0].replaceFirst("^/", "");
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                removed.add(name);
                console.line("removed container " + name + " left behind by a killed mlship run ("
                        + ProcessOwner.parse(owner).map(ProcessOwner::toString).orElse(owner) + " is gone)");
            } catch (NotFoundException gone) {
                // another run cleaned it up meanwhile: the goal is reached
            }
        }
        return removed;
    }
}
