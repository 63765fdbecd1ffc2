package io.mlship.core.scan.layer;

import io.mlship.core.scan.analyzer.ArchiveAnalyzer;
import io.mlship.core.scan.analyzer.FileAnalyzer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads one layer (an uncompressed tar stream) once, entry by entry, in memory: records whiteouts, paths
 * and sizes, and hands the files analyzers want to them (on a second thread, {@link AnalysisQueue}).
 * Nothing is written to disk and links are never followed, so symlink loops cannot make it loop; names
 * that climb out of the root are skipped.
 */
public final class LayerReader {

    private final List<FileAnalyzer> fileAnalyzers;
    private final List<ArchiveAnalyzer> archiveAnalyzers;

    public LayerReader(List<FileAnalyzer> fileAnalyzers, List<ArchiveAnalyzer> archiveAnalyzers) {
        this.fileAnalyzers = List.copyOf(fileAnalyzers);
        this.archiveAnalyzers = List.copyOf(archiveAnalyzers);
    }

    /**
     * @throws IOException when the layer tar is corrupt or truncated; what was read so far stays in {@code into}
     */
    public void read(InputStream layerTar, LayerContent into) throws IOException {
        try (AnalysisQueue analysis = new AnalysisQueue(into)) {
            read(layerTar, into, analysis);
        }
    }

    private void read(InputStream layerTar, LayerContent into, AnalysisQueue analysis) throws IOException {
        TarStream tar = new TarStream(layerTar);
        TarHeader entry;
        while ((entry = tar.next()) != null) {
            entry(entry, tar, into, analysis);
        }
    }

    /**
     * One entry. A method of its own, not the loop's body: the JIT compiles a method after a few hundred
     * calls, but a loop only after tens of thousands of turns (more than most layers have entries), so
     * as a loop body this ran interpreted for a whole layer (docs/benchmarks.md, "Image scan").
     */
    private void entry(TarHeader entry, TarStream tar, LayerContent into, AnalysisQueue analysis) throws IOException {
        Optional<String> normalized = LayerPath.normalize(entry.name());
        if (normalized.isEmpty()) {
            analysis.skip(into.blob() + ": entry `" + entry.name() + "` points outside the image root; ignored");
            return;
        }
        String path = normalized.get();
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(".wh.")) {
            // OCI whiteouts: ".wh..wh..opq" makes the folder opaque, ".wh.NAME" deletes NAME of lower layers.
            String dir = LayerPath.parent(path);
            if (name.equals(".wh..wh..opq")) {
                into.opaque(dir);
            } else {
                into.whiteout((dir.equals("/") ? "" : dir) + "/" + name.substring(4));
            }
            return;
        }
        if (!entry.isRegular()) {
            into.otherEntry(path);
            return;
        }
        long size = entry.size();
        into.file(path, size);
        analyze(path, size, tar.content(), analysis);
    }

    private void analyze(String path, long size, InputStream content, AnalysisQueue analysis) throws IOException {
        for (ArchiveAnalyzer archive : archiveAnalyzers) {
            if (archive.wants(path)) {
                // Reads the archive from the tar stream, so on this thread; its findings keep their place in line.
                AnalysisQueue.Recorder recorder = analysis.recorder();
                archive.analyze(path, content, recorder);
                recorder.queue();
                return;
            }
        }
        List<FileAnalyzer> interested = null; // most files interest nobody: no list for them
        long limit = 0;
        for (FileAnalyzer analyzer : fileAnalyzers) {
            if (analyzer.wants(path, size)) {
                if (interested == null) {
                    interested = new ArrayList<>(2);
                }
                interested.add(analyzer);
                limit = Math.max(limit, analyzer.maxBytes());
            }
        }
        if (interested == null) {
            return;
        }
        if (size > limit) {
            analysis.skip(path + " (" + size + " bytes) is larger than the " + limit + " bytes read for its kind; not analyzed");
            return;
        }
        // Straight into a reused array: readNBytes(int) would read in chunks and copy them together again.
        byte[] buffer = analysis.buffer((int) size);
        int read = content.readNBytes(buffer, 0, (int) size);
        analysis.analyze(path, buffer, read, interested);
    }
}
