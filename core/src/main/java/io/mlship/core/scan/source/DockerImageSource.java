package io.mlship.core.scan.source;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * An image on the Docker daemon, streamed through the API's {@code GET /images/{name}/get} (the
 * docker-archive {@code docker save} writes). A reference the daemon does not have is pulled first only when
 * it names its registry ({@code --image registry:5000/team/model:1}): a bare name ({@code model:1}) would
 * make the daemon ask Docker Hub, and a scan never goes to a public registry on its own.
 */
public record DockerImageSource(DockerClient docker, String reference, LogSink console) implements ImageSource {

    @Override
    public String describe() {
        return reference;
    }

    @Override
    public InputStream open() {
        try {
            docker.inspectImageCmd(reference).exec();
        } catch (NotFoundException absent) {
            if (!namesItsRegistry(reference)) {
                throw new MlshipException("image " + reference + " is not on the Docker daemon, and mlship does not pull a "
                        + "name without a registry host (that would ask a public registry); build it first, or name its "
                        + "registry (e.g. 127.0.0.1:5000/" + reference + "), or pass --archive FILE");
            }
            pull();
        }
        return new BufferedInputStream(docker.saveImageCmd(reference).exec(), 1 << 20);
    }

    /** Whether the first path component is a registry host (has a dot or a port, or is localhost), as Docker reads it. */
    static boolean namesItsRegistry(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String first = reference.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost");
    }

    private void pull() {
        console.line("scan: " + reference + " is not on the Docker daemon; pulling it");
        try {
            boolean done = docker.pullImageCmd(reference).start().awaitCompletion(30, TimeUnit.MINUTES);
            if (!done) {
                throw new MlshipException("pulling " + reference + " did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while pulling " + reference, e);
        } catch (RuntimeException e) {
            if (e instanceof MlshipException) {
                throw e;
            }
            throw new MlshipException("image " + reference + " is neither on the Docker daemon nor pullable ("
                    + e.getMessage() + "); check the name, or build/pull it first, or pass --archive FILE", e);
        }
    }
}
