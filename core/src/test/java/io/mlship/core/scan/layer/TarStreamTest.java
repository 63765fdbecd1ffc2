package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/** The seek-skipping tar reader: long names (GNU and PAX), links, skipping by seek, truncation. */
class TarStreamTest {

    static final String LONG = "usr/lib/python3.11/site-packages/" + "very-long-directory-name/".repeat(6) + "METADATA";

    private static byte[] tar(int longFileMode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(longFileMode);
            byte[] big = new byte[100_000];
            add(tar, "model.bin", big);
            add(tar, LONG, "Name: x\n".getBytes(StandardCharsets.UTF_8));
            TarArchiveEntry link = new TarArchiveEntry("lib/current", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../" + "target/".repeat(20));
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Counts what is read, so the test can tell that skipping did not read. */
    static final class SkipCounting extends ByteArrayInputStream {
        long read;
        long skipped;

        SkipCounting(byte[] data) {
            super(data);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }

        @Override
        public synchronized long skip(long n) {
            long s = super.skip(n);
            skipped += s;
            return s;
        }
    }

    @Test
    void readsGnuAndPaxLongNamesAndSkipsUnreadDataBySeeking() throws IOException {
        for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
            SkipCounting in = new SkipCounting(tar(mode));
            TarStream stream = new TarStream(in);
            List<String> names = new ArrayList<>();
            TarHeader entry;
            String metadata = null;
            String link = null;
            while ((entry = stream.next()) != null) {
                names.add(entry.name());
                if (entry.name().equals(LONG)) {
                    metadata = new String(stream.content().readAllBytes(), StandardCharsets.UTF_8);
                }
                if (entry.isSymbolicLink()) {
                    link = entry.linkName();
                }
            }
            assertThat(names).containsExactly("model.bin", LONG, "lib/current");
            assertThat(metadata).isEqualTo("Name: x\n");
            assertThat(link).endsWith("target/target/");
            assertThat(in.skipped).as("the 100 kB model was skipped, not read").isGreaterThanOrEqualTo(100_000);
            assertThat(in.read).isLessThan(20_000);
        }
    }

    @Test
    void truncationInsideAnEntryIsAnError() throws IOException {
        byte[] whole = tar(TarArchiveOutputStream.LONGFILE_POSIX);
        TarStream cut = new TarStream(new ByteArrayInputStream(Arrays.copyOf(whole, 50_000)));
        assertThat(cut.next().name()).isEqualTo("model.bin");
        InputStream content = cut.content();
        assertThatThrownBy(content::readAllBytes).isInstanceOf(EOFException.class).hasMessageContaining("truncated inside `model.bin`");
        TarStream header = new TarStream(new ByteArrayInputStream(Arrays.copyOf(whole, 300)));
        assertThatThrownBy(header::next).isInstanceOf(EOFException.class).hasMessageContaining("inside a tar header");
        byte[] garbage = new byte[1024];
        Arrays.fill(garbage, (byte) 'x');
        assertThatThrownBy(() -> new TarStream(new ByteArrayInputStream(garbage)).next()).hasMessageContaining("no valid tar header");
    }
}
