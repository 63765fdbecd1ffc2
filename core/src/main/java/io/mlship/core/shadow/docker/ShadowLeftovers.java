package io.mlship.core.shadow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a shadow run killed with SIGKILL (or a lost agent) leaves: its containers (labelled {@code io.mlship.shadow}
 * and with their owning process), the edge's mirror to its comparator, its scrape target file. The next shadow of the
 * same name removes them — mirror first — when their owner is known to be gone; a shadow whose owner still runs (or
 * runs on another host) is refused: the edge mirrors to one comparator, so there is one shadow per name at a time.
 */
final class ShadowLeftovers {

    private ShadowLeftovers() {
    }

    static void removeDead(DockerClient docker, LiveEdge edge, String name, Path targets, LogSink console) throws InterruptedException {
        List<Container> found = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(DockerShadow.LABEL, name)).exec();
        List<String> alive = new ArrayList<>();
        for (Container c : found) {
            String owner = c.getLabels() == null ? null : c.getLabels().get(ProcessOwner.LABEL);
            if (!ProcessOwner.isDead(owner)) {
                alive.add(c.getNames()[0].substring(1) + " (" + ProcessOwner.parse(owner).map(Object::toString).orElse("owner unknown") + ")");
            }
        }
        if (!alive.isEmpty()) {
            throw new MlshipException("another shadow of " + name + " is running: " + String.join(", ", alive) + ". The edge mirrors to "
                    + "one comparator, so one shadow per deployed name runs at a time: wait for it to end; if its process was killed "
                    + "on another host, remove its containers (docker rm -f NAME...) and run again; nothing was started");
        }
        Optional<String> mirror = edge.mirrorTarget();
        if (found.isEmpty() && mirror.isEmpty()) {
            return;
        }
        if (mirror.isPresent()) {
            console.line("the edge still mirrors to " + mirror.get() + ", left by a shadow run that was killed: switching it off");
            edge.mirror(Optional.empty(), 100, "POST", "/");
        }
        for (Container c : found) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        if (!found.isEmpty()) {
            console.line("removed " + String.join(", ", found.stream().map(c -> c.getNames()[0].substring(1)).toList())
                    + ", left by a shadow run of " + name + " that was killed");
        }
        Pattern file = Pattern.compile(Pattern.quote(name) + "-shadow-[0-9a-f]{6}\\.json");
        if (Files.isDirectory(targets)) {
            try (var files = Files.list(targets)) {
                for (Path target : files.filter(f -> file.matcher(f.getFileName().toString()).matches()).toList()) {
                    Files.deleteIfExists(target);
                    console.line("removed the scrape target " + target + " of a killed shadow run");
                }
            } catch (IOException e) {
                console.line("could not remove the scrape targets of a killed shadow run in " + targets + ": " + e.getMessage());
            }
        }
    }
}
