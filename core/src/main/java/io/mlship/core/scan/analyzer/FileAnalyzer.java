package io.mlship.core.scan.analyzer;

/**
 * One kind of artifact recognised from a file's bytes (Trivy's analyzer model): the layer reader asks each
 * analyzer about every regular file, reads the file once if any wants it, and hands every interested
 * analyzer the same bytes.
 */
public interface FileAnalyzer {

    /** Whether the file at {@code path} (absolute in the image, e.g. {@code /var/lib/dpkg/status}) interests it. */
    boolean wants(String path, long size);

    /** Larger files it wants are skipped with a reported reason instead of being read into memory. */
    long maxBytes();

    /**
     * @param content the file's bytes are {@code content[0..length)}; the array may be longer (the scan reuses
     *                its read buffers) and must not be kept after the call
     */
    void analyze(String path, byte[] content, int length, Findings findings);
}
