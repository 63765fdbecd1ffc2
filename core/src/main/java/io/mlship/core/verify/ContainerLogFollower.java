package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.mlship.core.log.LineSplitter;
import io.mlship.core.log.LogSink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Streams a container's stdout and stderr, from its first line, into a sink while it runs, and keeps
 * the last lines at hand for error messages.
 */
final class ContainerLogFollower implements Closeable {

    private static final int TAIL_LINES = 30;

    private final Deque<String> tail = new ArrayDeque<>();
    private final LineSplitter stdout;
    private final LineSplitter stderr;
    private final ResultCallback.Adapter<Frame> stream;

    private ContainerLogFollower(DockerClient docker, String containerId, LogSink sink) {
        LogSink keeping = sink.and(this::remember);
        this.stdout = new LineSplitter(keeping);
        this.stderr = new LineSplitter(keeping);
        this.stream = docker.logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withTailAll()
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                        switch (frame.getStreamType()) {
                            case STDERR -> stderr.accept(text);
                            default -> stdout.accept(text);
                        }
                    }
                });
    }

    static ContainerLogFollower follow(DockerClient docker, String containerId, LogSink sink) {
        return new ContainerLogFollower(docker, containerId, sink);
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

    /** Waits briefly for the stream to end by itself (the container stopped), then flushes partial lines. */
    void drain() throws InterruptedException {
        stream.awaitCompletion(3, TimeUnit.SECONDS);
        stdout.finish();
        stderr.finish();
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
