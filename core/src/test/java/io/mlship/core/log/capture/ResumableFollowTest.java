package io.mlship.core.log.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.ContainerLogStream;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Following a real container's logs on the real daemon while the connection breaks again and again
 * (as when the API server closes a watch): every line is stored exactly once, in order.
 */
class ResumableFollowTest {

    static DockerClient docker;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        docker = DockerConnector.connect(DockerEndpoint.fromEnvironment());
    }

    @AfterAll
    static void close() throws Exception {
        docker.close();
    }

    @Test
    void noLineIsLostOrDuplicatedAcrossBrokenStreams() throws Exception {
        // 400 lines, ~200 a second: several lines share each whole second that Docker's `since` can express.
        String id = docker.createContainerCmd("mlship/base:busybox")
                .withCmd("sh", "-c", "for i in $(seq 1 400); do echo \"line $i\"; usleep 5000; done")
                .withLabels(java.util.Map.of("io.mlship.test", "follow"))
                .exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            BreakingStream breaking = new BreakingStream(new ContainerLogStream(docker, id), Duration.ofMillis(150));
            ResumableFollow.Outcome outcome;
            try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), line -> { })) {
                LogSource container = capture.source("container", SourceKind.CONTAINER);
                outcome = new ResumableFollow(breaking, container::line, 50, Duration.ofMillis(20)).follow();
            }
            List<String> stored = LogCaptureTest.readAll(dir.resolve("container.log")).stream()
                    .map(line -> line.substring(line.indexOf(' ') + 1)).toList();
            assertThat(stored).as("%s after %d cuts", outcome, breaking.breaks.get()).containsExactlyElementsOf(IntStream.rangeClosed(1, 400).mapToObj(i -> "line " + i).toList());
            assertThat(breaking.breaks.get()).as("times the stream was cut").isGreaterThanOrEqualTo(5);
            assertThat(outcome.reconnects()).isGreaterThanOrEqualTo(breaking.breaks.get() - 1);
            assertThat(outcome.lines()).isEqualTo(400);
            assertThat(outcome.gaveUp()).isFalse();
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
    }

    /** A real stream whose connection is cut {@code after} each opening, as a server closing watches does. */
    static final class BreakingStream implements TimestampedStream {
        private final TimestampedStream real;
        private final Duration after;
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        final AtomicInteger breaks = new AtomicInteger();

        BreakingStream(TimestampedStream real, Duration after) {
            this.real = real;
            this.after = after;
        }

        @Override
        public void open(Instant since, LineReceiver receiver) throws Exception {
            // The cut is timed from the first line of each opening: a server that closes watches does so
            // after it has streamed for a while (on a loaded machine the first line may take longer than that).
            AtomicReference<ScheduledFuture<?>> cut = new AtomicReference<>();
            try {
                real.open(since, (timestamp, text) -> {
                    receiver.line(timestamp, text);
                    if (cut.get() == null) {
                        cut.set(timer.schedule(() -> {
                            breaks.incrementAndGet();
                            real.interrupt();
                        }, after.toMillis(), TimeUnit.MILLISECONDS));
                    }
                });
            } finally {
                if (cut.get() != null) {
                    cut.get().cancel(false);
                }
            }
        }

        @Override
        public boolean finished() {
            return real.finished();
        }

        @Override
        public void interrupt() {
            real.interrupt();
        }
    }
}
