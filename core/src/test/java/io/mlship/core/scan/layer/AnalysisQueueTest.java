package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.analyzer.FileAnalyzer;
import io.mlship.core.scan.analyzer.Findings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisQueueTest {

    /** An analyzer that wants every file and does {@code work} with it. */
    private static FileAnalyzer analyzer(Analysis work) {
        return new FileAnalyzer() {
            @Override
            public boolean wants(String path, long size) {
                return true;
            }

            @Override
            public long maxBytes() {
                return 1 << 20;
            }

            @Override
            public void analyze(String path, byte[] content, int length, Findings findings) {
                work.analyze(path, findings);
            }
        };
    }

    private interface Analysis {
        void analyze(String path, Findings findings);
    }

    @Test
    void findingsKeepTheOrderOfTheFilesWhateverThreadMadeThem() throws Exception {
        LayerContent layer = new LayerContent("blob");
        List<String> threads = new ArrayList<>();
        // Reports each file it sees as a secret; sleeps on the first files so that the reader runs ahead.
        FileAnalyzer analyzer = analyzer((path, findings) -> {
            threads.add(Thread.currentThread().getName());
            if (path.endsWith("/0") || path.endsWith("/1")) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            findings.secret(new SecretFinding("rule", "seen", path, 1, -1, false));
        });
        try (AnalysisQueue queue = new AnalysisQueue(layer)) {
            for (int i = 0; i < 50; i++) {
                queue.analyze("/f/" + i, "x".getBytes(StandardCharsets.UTF_8), 1, List.of(analyzer));
                if (i % 10 == 0) {
                    queue.skip("after " + i);
                }
            }
            AnalysisQueue.Recorder recorder = queue.recorder();
            recorder.secret(new SecretFinding("rule", "in a jar", "/app.jar", 1, -1, false));
            recorder.skip("jar done");
            recorder.queue();
        }
        List<String> paths = layer.secrets().stream().map(SecretFinding::path).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("/f/" + i);
        }
        expected.add("/app.jar");
        assertThat(paths).containsExactlyElementsOf(expected);
        assertThat(layer.skips()).containsExactly("after 0", "after 10", "after 20", "after 30", "after 40", "jar done");
        assertThat(threads).containsOnly("mlship-scan-analysis");
    }

    @Test
    void anAnalyzerFailureStopsTheReaderAndIsRethrown() throws Exception {
        LayerContent layer = new LayerContent("blob");
        FileAnalyzer broken = analyzer((path, findings) -> {
            throw new IllegalStateException("analyzer broke on " + path);
        });
        AnalysisQueue queue = new AnalysisQueue(layer);
        queue.analyze("/first", new byte[1], 1, List.of(broken));
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10_000; i++) {
                queue.analyze("/more/" + i, new byte[1], 1, List.of(broken));
                Thread.sleep(1);
            }
        }).isInstanceOf(IllegalStateException.class).hasMessage("analyzer broke on /first");
        assertThatThrownBy(queue::close).isInstanceOf(IllegalStateException.class).hasMessage("analyzer broke on /first");
    }
}
