package io.mlship.core.log.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Search over a capture with rotated, compressed segments gives exactly what a plain line-by-line
 * regex over the original lines gives (same lines, same numbers), and its filters skip blocks.
 */
class LogSearchTest {

    @TempDir
    Path dir;

    private final List<String> original = new ArrayList<>();

    @BeforeEach
    void capture() {
        Random random = new Random(42);
        for (int i = 0; i < 60_000; i++) {
            String id = Long.toHexString(random.nextLong());
            original.add(switch (i % 5) {
                case 0 -> "2026-11-23T10:00:00Z INFO  request id=" + id + " served in " + random.nextInt(100) + " ms";
                case 1 -> "10.0.0.1 - - \"GET /v2/health/ready HTTP/1.1\" 200 kube-probe/1.29";
                case 2 -> "2026-11-23T10:00:01Z WARN  slow batch " + id;
                case 3 -> "worker-" + random.nextInt(8) + " processed " + random.nextInt(1000) + " rows";
                default -> "plain text line " + i + " ünïcödé ✓";
            });
        }
        original.set(123, "ERROR OutOfMemoryError: Java heap space in worker-3");
        original.set(45_678, "ERROR OutOfMemoryError: Java heap space in worker-5");
        original.set(59_999, "model loaded: ünïcödé ✓ checksum=abc");
        try (LogCapture capture = LogCapture.open(dir, CaptureSettings.defaults().withRotateBytes(1 << 20), line -> { })) {
            capture.source("serve", SourceKind.CONTAINER).line("first source, one line with OutOfMemoryError too");
            LogSource source = capture.source("pod", SourceKind.POD);
            original.forEach(source::line);
        }
    }

    @Test
    void findsTheSameLinesAsANaiveScanAcrossCompressedAndPlainSegments() {
        assertThat(dir.resolve("pod.1.log.gz")).exists();
        assertThat(dir.resolve("pod.2.log.gz")).exists();
        for (String regex : List.of("OutOfMemoryError: Java heap", "worker-[35]\\b", "id=[0-9a-f]*beef", "ünïcödé ✓ checksum",
                "^plain text line 4[0-9]{4} ", "(?i)outofmemoryerror", "served in (1|2)[0-9] ms$")) {
            List<SearchHit> found = new ArrayList<>();
            LogSearch.search(dir, regex, Optional.of("pod"), found::add);
            assertThat(found).as(regex).containsExactlyElementsOf(naive(regex));
        }
    }

    @Test
    void aRareLiteralIsFoundWithoutInflatingMostBlocks() {
        List<SearchHit> found = new ArrayList<>();
        LogSearch.Result result = LogSearch.search(dir, "OutOfMemoryError: Java heap space", Optional.empty(), found::add);
        assertThat(found).extracting(SearchHit::toString).containsExactly(
                "pod:124: ERROR OutOfMemoryError: Java heap space in worker-3",
                "pod:45679: ERROR OutOfMemoryError: Java heap space in worker-5");
        // Three compressed 1 MiB segments (one block each); the text is in the first and the third: the second is
        // ruled out by its trigram filter and never inflated.
        assertThat(result.blocksSkipped()).isEqualTo(1);
    }

    @Test
    void theLastSegmentOfAClosedSourceGetsFiltersTooAndMatchesStayExact() {
        Path whole = dir.resolve("unrotated");
        try (LogCapture capture = LogCapture.open(whole, CaptureSettings.defaults(), line -> { })) {
            LogSource source = capture.source("pod", SourceKind.POD);
            original.forEach(source::line);
            original.forEach(source::line); // about 7 MiB: seven blocks in one segment
        }
        assertThat(whole.resolve("pod.log.blocks")).exists();
        List<SearchHit> found = new ArrayList<>();
        LogSearch.Result result = LogSearch.search(whole, "OutOfMemoryError: Java heap space", Optional.empty(), found::add);
        assertThat(found).extracting(SearchHit::line).containsExactly(124L, 45_679L, 60_124L, 105_679L);
        assertThat(result.blocksSkipped()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void searchesEverySourceWhenNoneIsNamed() {
        List<SearchHit> found = new ArrayList<>();
        LogSearch.search(dir, "OutOfMemoryError", Optional.empty(), found::add);
        assertThat(found).extracting(SearchHit::source).containsExactly("serve", "pod", "pod");
    }

    @Test
    void badInputGetsClearErrors() throws Exception {
        assertThatThrownBy(() -> LogSearch.search(dir, "([a-z", Optional.empty(), h -> { }))
                .isInstanceOf(MlshipException.class).hasMessageContaining("search regex `([a-z` is not a valid regular expression");
        assertThatThrownBy(() -> LogSearch.search(dir, "x", Optional.of("nope"), h -> { }))
                .isInstanceOf(MlshipException.class).hasMessageContaining("no source `nope`").hasMessageContaining("serve, pod");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> LogSearch.search(empty, "x", Optional.empty(), h -> { }))
                .isInstanceOf(MlshipException.class).hasMessageContaining("is not an mlship log directory");
    }

    private List<SearchHit> naive(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<SearchHit> hits = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            if (pattern.matcher(original.get(i)).find()) {
                hits.add(new SearchHit("pod", i + 1, original.get(i)));
            }
        }
        return hits;
    }
}
