package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.ContainerLogStream;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.ResumableFollow;
import java.io.Closeable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Follows a container's stdout and stderr from its first line into its log source while it runs
 * (reconnecting when the stream breaks, without losing or repeating a line), and keeps the last
 * lines at hand for error messages.
 */
final class ContainerLogFollower implements Closeable {

    private static final int TAIL_LINES = 30;

    private final Deque<String> tail = new ArrayDeque<>();
    private final ResumableFollow follow;
    private final Thread thread;

    private ContainerLogFollower(DockerClient docker, String containerId, LogSource source) {
        this.follow = new ResumableFollow(new ContainerLogStream(docker, containerId), (Instant time, String text) -> {
            source.line(time, text);
            remember(text);
        }, 5, Duration.ofMillis(200));
        this.thread = new Thread(() -> {
            try {
                follow.follow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mlship-container-log-" + containerId.substring(0, Math.min(12, containerId.length())));
        thread.setDaemon(true);
        thread.start();
    }

    static ContainerLogFollower follow(DockerClient docker, String containerId, LogSource source) {
        return new ContainerLogFollower(docker, containerId, source);
    }

    private synchronized void remember(String line) {
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    synchronized List<String> lastLines() {
        return new ArrayList<>(tail);
    }

    /** Waits briefly for the stream to end by itself (the container stopped or was removed). */
    void drain() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(3));
    }

    @Override
    public void close() {
        follow.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
