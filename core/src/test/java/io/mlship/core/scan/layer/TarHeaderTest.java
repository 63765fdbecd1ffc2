package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;

/** {@link TarHeader} answers what Commons Compress's header parsing answers, on every header kind it meets. */
class TarHeaderTest {

    /**
     * The entry's own header block as Commons Compress writes it, in the given long-name and big-number modes
     * (the last block written: a GNU long name or PAX header comes before it). The entry's data is never
     * written, so that sizes beyond what a test can write are possible.
     */
    @SuppressWarnings("resource") // left open on purpose: closing would demand the entry's data
    private static byte[] header(TarArchiveEntry entry, int longFileMode, int bigNumberMode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes, 512);
        tar.setLongFileMode(longFileMode);
        tar.setBigNumberMode(bigNumberMode);
        tar.putArchiveEntry(entry);
        byte[] written = bytes.toByteArray();
        return Arrays.copyOfRange(written, written.length - 512, written.length);
    }

    private static TarArchiveEntry entry(String name, byte type, long size, String link) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type);
        if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM) {
            entry.setSize(size);
        }
        if (link != null) {
            entry.setLinkName(link);
        }
        return entry;
    }

    private static void assertSameAsCommons(byte[] block) throws IOException {
        TarArchiveEntry commons = new TarArchiveEntry(block, ZipEncodingHelper.getZipEncoding("UTF-8"), false);
        TarHeader ours = TarHeader.parse(block, 0);
        assertThat(ours.name()).as("name").isEqualTo(commons.getName());
        assertThat(ours.linkName()).as("link").isEqualTo(commons.getLinkName());
        assertThat(ours.size()).as("size").isEqualTo(commons.getSize());
        assertThat(ours.type()).as("type").isEqualTo(commons.getLinkFlag());
        assertThat(ours.isSymbolicLink()).isEqualTo(commons.isSymbolicLink());
        assertThat(ours.isHardLink()).isEqualTo(commons.isLink());
        assertThat(ours.isPax()).isEqualTo(commons.isPaxHeader());
        assertThat(ours.isGnuLongName()).isEqualTo(commons.isGNULongNameEntry());
    }

    @Test
    void agreesWithCommonsCompressOnUstarGnuAndV7Headers() throws IOException {
        List<TarArchiveEntry> entries = List.of(
                entry("usr/lib/python3/site-packages/numpy/__init__.py", TarConstants.LF_NORMAL, 4711, null),
                entry("opt/modèle/données.bin", TarConstants.LF_NORMAL, 1, null),
                entry("日本/語.txt", TarConstants.LF_NORMAL, 0, null),
                entry("opt/models/", TarConstants.LF_DIR, 0, null),
                entry("lib/libc.so", TarConstants.LF_SYMLINK, 0, "libc.so.6"),
                entry("bin/sh", TarConstants.LF_LINK, 0, "bin/busybox"),
                entry("big/model.safetensors", TarConstants.LF_NORMAL, 9L << 30, null), // beyond the 8 GiB octal field
                // ustar splits a long name into prefix and name (POSIX mode); GNU writes an 'L' entry first.
                entry("usr/lib/python3.11/site-packages/" + "nested-folder-name/".repeat(5) + "METADATA", TarConstants.LF_NORMAL, 9, null));
        for (TarArchiveEntry entry : entries) {
            for (int longMode : new int[] {TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.LONGFILE_GNU}) {
                for (int bigMode : new int[] {TarArchiveOutputStream.BIGNUMBER_POSIX, TarArchiveOutputStream.BIGNUMBER_STAR}) {
                    assertSameAsCommons(header(entry, longMode, bigMode));
                }
            }
        }
    }

    @Test
    void readsTheUstarPrefixAndTheStarVariantOfIt() throws IOException {
        byte[] block = header(entry("model.bin", TarConstants.LF_NORMAL, 10, null), TarArchiveOutputStream.LONGFILE_POSIX,
                TarArchiveOutputStream.BIGNUMBER_POSIX);
        byte[] prefix = "opt/very/deep/folder".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, block, 345, prefix.length);
        rechecksum(block);
        assertSameAsCommons(block);
        assertThat(TarHeader.parse(block, 0).name()).isEqualTo("opt/very/deep/folder/model.bin");
        System.arraycopy("tar\0".getBytes(StandardCharsets.US_ASCII), 0, block, 508, 4); // star: 131-byte prefix
        Arrays.fill(block, 345 + 131, 345 + 155, (byte) '7'); // star's access/change times sit there
        rechecksum(block);
        assertSameAsCommons(block);
    }

    @Test
    void checksumAgreesWithCommonsCompressOnValidAndDamagedHeaders() throws IOException {
        Random random = new Random(5);
        int valid = 0;
        for (int n = 0; n < 5_000; n++) {
            byte[] block = header(entry("opt/models/data/file" + n + ".py", TarConstants.LF_NORMAL, 3, null),
                    TarArchiveOutputStream.LONGFILE_POSIX, TarArchiveOutputStream.BIGNUMBER_POSIX);
            if (n % 2 == 1) {
                block[random.nextInt(512)] = (byte) random.nextInt(256); // may hit the checksum field itself
            }
            if (n % 7 == 0) {
                block[random.nextInt(100)] = (byte) (0x80 | random.nextInt(128)); // bytes the signed sum counts negative
            }
            boolean expected;
            try {
                expected = TarUtils.verifyCheckSum(block);
            } catch (IllegalArgumentException e) {
                expected = false; // a damaged checksum field: not a valid header
            }
            valid += expected ? 1 : 0;
            assertThat(TarHeader.checksumMatches(block)).as("header " + n).isEqualTo(expected);
        }
        assertThat(valid).as("both answers are exercised").isBetween(1_000, 4_000);
    }

    @Test
    void aDamagedHeaderIsAnErrorThatSaysWhere() throws IOException {
        byte[] block = header(entry("model.bin", TarConstants.LF_NORMAL, 10, null), TarArchiveOutputStream.LONGFILE_POSIX,
                TarArchiveOutputStream.BIGNUMBER_POSIX);
        block[0] = 'X';
        assertThatThrownBy(() -> TarHeader.parse(block, 4096)).isInstanceOf(IOException.class)
                .hasMessage("no valid tar header at offset 4096 (checksum mismatch)");
        byte[] badSize = header(entry("model.bin", TarConstants.LF_NORMAL, 10, null), TarArchiveOutputStream.LONGFILE_POSIX,
                TarArchiveOutputStream.BIGNUMBER_POSIX);
        badSize[124 + 3] = '9';
        rechecksum(badSize);
        assertThatThrownBy(() -> TarHeader.parse(badSize, 512)).isInstanceOf(IOException.class)
                .hasMessageContaining("tar header at offset 512 has a size field that is not a number");
    }

    private static void rechecksum(byte[] block) {
        Arrays.fill(block, 148, 156, (byte) ' ');
        long sum = TarUtils.computeCheckSum(block);
        TarUtils.formatCheckSumOctalBytes(sum, block, 148, 8);
    }
}
