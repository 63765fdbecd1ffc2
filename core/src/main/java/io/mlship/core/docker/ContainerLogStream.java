package io.mlship.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import io.mlship.core.log.LineSplitter;
import io.mlship.core.log.capture.TimestampedStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A container's stdout and stderr as Docker serves them with {@code timestamps=true}: each line comes
 * as {@code RFC3339Nano-time text}. Docker's {@code since} takes whole seconds, so a reopened stream
 * starts at the second of the last line seen; {@link io.mlship.core.log.capture.ResumableFollow} skips the rest.
 */
public final class ContainerLogStream implements TimestampedStream {

    private final DockerClient docker;
    private final String containerId;
    private volatile ResultCallback.Adapter<Frame> current;

    public ContainerLogStream(DockerClient docker, String containerId) {
        this.docker = docker;
        this.containerId = containerId;
    }

    @Override
    public void open(Instant since, LineReceiver receiver) throws InterruptedException {
        LineSplitter stdout = LineSplitter.keepingCarriageReturns(line -> deliver(line, receiver));
        LineSplitter stderr = LineSplitter.keepingCarriageReturns(line -> deliver(line, receiver));
        LogContainerCmd cmd = docker.logContainerCmd(containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withTimestamps(true);
        if (since == null) {
            cmd.withTailAll();
        } else {
            cmd.withSince((int) since.getEpochSecond());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            /** Kept and rethrown by open(), not logged: a stream of a container just removed fails by design. */
            @Override
            public void onError(Throwable throwable) {
                failure.compareAndSet(null, throwable);
                try {
                    close();
                } catch (IOException ignored) {
                    // closing a failed stream
                }
            }

            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                switch (frame.getStreamType()) {
                    case STDERR -> stderr.accept(text);
                    default -> stdout.accept(text);
                }
            }
        };
        current = callback;
        try {
            cmd.exec(callback).awaitCompletion();
        } finally {
            stdout.finish();
            stderr.finish();
            current = null;
        }
        if (failure.get() instanceof RuntimeException e) {
            throw e;
        } else if (failure.get() != null) {
            throw new IllegalStateException(failure.get());
        }
    }

    private static void deliver(String line, LineReceiver receiver) {
        int space = line.indexOf(' ');
        if (space > 0) {
            try {
                receiver.line(Instant.parse(line.substring(0, space)), line.substring(space + 1));
                return;
            } catch (DateTimeParseException e) {
                // not a time stamp: a continuation of a long line; keep it whole below
            }
        }
        receiver.line(Instant.now(), line);
    }

    @Override
    public boolean finished() {
        try {
            Boolean running = docker.inspectContainerCmd(containerId).exec().getState().getRunning();
            return !Boolean.TRUE.equals(running);
        } catch (NotFoundException e) {
            return true;
        }
    }

    @Override
    public void interrupt() {
        ResultCallback.Adapter<Frame> callback = current;
        if (callback != null) {
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is being abandoned
            }
        }
    }
}
