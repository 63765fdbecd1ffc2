package io.mlship.core.log.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.log.store.BlockRow;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture on real files: every line kept in order, noise counted not shown, the console view condensed. */
class LogCaptureTest {

    @TempDir
    Path dir;

    private final List<String> console = new ArrayList<>();

    @Test
    void storesEveryLineInOrderAndShowsACondensedView() {
        List<String> input = new ArrayList<>();
        input.add("== stage 1/2: build");
        IntStream.rangeClosed(1, 500).forEach(i -> input.add("Downloading layer " + i + " of 500"));
        input.add("10.1.2.3 - - \"GET /v2/health/ready HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"");
        input.add("ERROR: could not load model weights from /models/iris.bin");
        IntStream.rangeClosed(1, 300).forEach(i -> input.add("INFO request " + i + " served in " + (i % 7) + " ms"));
        input.add("WARNING deprecated field `spec.replicas`");
        IntStream.rangeClosed(1, 30).forEach(i -> input.add("tail line " + i));

        SourceSummary summary;
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults().withView(5, 5), console::add)) {
            LogSource build = capture.source("build", SourceKind.BUILD);
            input.forEach(build::line);
            summary = capture.finish().source("build").orElseThrow();
        }

        assertThat(readAll(dir.resolve("build.log"))).containsExactlyElementsOf(input);
        assertThat(summary.lines()).isEqualTo(input.size());
        assertThat(summary.noiseLines()).isEqualTo(1);
        assertThat(summary.errors()).isEqualTo(1);
        assertThat(summary.warnings()).isEqualTo(1);
        String view = String.join("\n", console);
        assertThat(view)
                .contains("  build:1 | == stage 1/2: build")
                .contains("build:2 | Downloading layer 1 of 500")
                .contains("build: … 499 similar lines")
                .contains("E build:503 | ERROR: could not load model weights")
                .contains("W build:804 | WARNING deprecated field")
                .contains("lines not shown")
                .contains("build:830 | tail line 26\n  build: … 3 similar lines\n  build:834 | tail line 30")
                .doesNotContain("kube-probe")
                .doesNotContain("tail line 20\n")
                .contains("complete log: " + dir.resolve("build.log"));
        assertThat(console.size()).isLessThan(30);
    }

    @Test
    void errorsAreNeverNoiseAndUserRulesHideLines() {
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults().withNoise(List.of("^DEBUG cache ")), console::add)) {
            LogSource pod = capture.source("pod/web-1/model", SourceKind.POD);
            pod.line("DEBUG cache hit for key 7");
            pod.line("ERROR GET /healthz failed: model not loaded");
            pod.line("sending keepalive ping to 10.0.0.7");
            pod.line("mapping and shipping are not chatter");
            SourceSummary s = capture.finish().source("pod/web-1/model").orElseThrow();
            assertThat(s.noiseLines()).isEqualTo(2);
            assertThat(s.file()).isEqualTo(dir.resolve("pod_web-1_model.log"));
        }
        assertThat(String.join("\n", console))
                .contains("ERROR GET /healthz failed").contains("mapping and shipping")
                .doesNotContain("DEBUG cache").doesNotContain("keepalive");
        assertThat(readAll(dir.resolve("pod_web-1_model.log"))).hasSize(4);
    }

    @Test
    void timestampedLinesAreStoredWithTheirTimeAndIndexed() throws IOException {
        Instant t1 = Instant.parse("2026-11-23T10:00:01.250Z");
        Instant t2 = Instant.parse("2026-11-23T10:00:09Z");
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            LogSource events = capture.source("events", SourceKind.EVENTS);
            events.line(t1, "Normal Scheduled pod/web-1");
            events.line(t2, "Warning BackOff pod/web-1");
        }
        assertThat(readAll(dir.resolve("events.log")))
                .containsExactly("2026-11-23T10:00:01.250Z Normal Scheduled pod/web-1", "2026-11-23T10:00:09Z Warning BackOff pod/web-1");
        List<String> index = Files.readAllLines(dir.resolve("events.index.tsv"));
        assertThat(index.get(0)).isEqualTo(BlockRow.HEADER);
        assertThat(BlockRow.fromTsv(index.get(1))).satisfies(row -> {
            assertThat(row.firstMillis()).isEqualTo(t1.toEpochMilli());
            assertThat(row.lastMillis()).isEqualTo(t2.toEpochMilli());
            assertThat(row.lines()).isEqualTo(2);
            assertThat(row.warnings()).isEqualTo(1);
        });
        assertThat(Files.readString(dir.resolve(CaptureSummary.FILE_NAME))).contains("\"name\" : \"events\"").contains("\"kind\" : \"EVENTS\"");
    }

    @Test
    void bulkCopyKeepsEveryByteOfLinesAcrossReadsIncludingALastLineWithoutNewline() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            text.append("2026-11-23T10:00:00Z line ").append(i).append(i % 3 == 0 ? "\r\n" : "\n");
        }
        text.append("no newline at the end");
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            LogSource stream = capture.bulkSource("stdin", SourceKind.STREAM);
            long read = stream.copyFrom(new TrickleStream(text.toString().getBytes(StandardCharsets.UTF_8), 7_777), "test input");
            assertThat(read).isEqualTo(text.length());
        }
        List<String> stored = readAll(dir.resolve("stdin.log"));
        assertThat(stored).hasSize(50_001);
        assertThat(stored.get(3)).isEqualTo("2026-11-23T10:00:00Z line 3");
        assertThat(stored.get(50_000)).isEqualTo("no newline at the end");
    }

    @Test
    void aStreamThatFailsMidwayKeepsWhatWasReadAndSaysSo() {
        byte[] good = "first line\nsecond line\npartial".getBytes(StandardCharsets.UTF_8);
        InputStream failing = new InputStream() {
            private int at;

            @Override
            public int read() throws IOException {
                if (at < good.length) {
                    return good[at++];
                }
                throw new IOException("connection reset by peer");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= good.length) {
                    throw new IOException("connection reset by peer");
                }
                int n = Math.min(len, good.length - at);
                System.arraycopy(good, at, b, off, n);
                at += n;
                return n;
            }
        };
        LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add);
        LogSource source = capture.bulkSource("pod", SourceKind.POD);
        assertThatThrownBy(() -> source.copyFrom(failing, "pod web-1 log stream"))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("reading pod web-1 log stream failed after 30 bytes: connection reset by peer")
                .hasMessageContaining("stored in " + dir.resolve("pod.log"));
        capture.finish();
        assertThat(readAll(dir.resolve("pod.log"))).containsExactly("first line", "second line", "partial");
    }

    @Test
    void invalidNoiseRuleIsRejectedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> LogCapture.open(dir.resolve("never"), CaptureSettings.defaults().withNoise(List.of("GET /(health")), console::add))
                .isInstanceOf(MlshipException.class)
                .hasMessageContaining("noise rule `GET /(health` is not a valid regular expression")
                .hasMessageContaining("position");
        assertThat(dir.resolve("never")).doesNotExist();
    }

    @Test
    void aSourceNameUsedTwiceGetsASuffixInsteadOfOverwriting() {
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults(), console::add)) {
            capture.source("container", SourceKind.CONTAINER).line("first run");
            LogSource again = capture.source("container", SourceKind.CONTAINER);
            again.line("second run");
            assertThat(again.name()).isEqualTo("container-2");
        }
        assertThat(readAll(dir.resolve("container.log"))).containsExactly("first run");
        assertThat(readAll(dir.resolve("container-2.log"))).containsExactly("second run");
    }

    static List<String> readAll(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Delivers a byte array in reads of at most {@code chunk} bytes, as a pipe does. */
    static final class TrickleStream extends ByteArrayInputStream {
        private final int chunk;

        TrickleStream(byte[] data, int chunk) {
            super(data);
            this.chunk = chunk;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, chunk));
        }

        @Override
        public synchronized int available() {
            return 0;
        }
    }
}
