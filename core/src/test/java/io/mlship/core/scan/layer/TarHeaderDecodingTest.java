package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarUtils;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;

/** The faster checksum and name decoding of {@link TarStream} answer exactly what Commons Compress's do. */
class TarHeaderDecodingTest {

    private static byte[] header(String name) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(3);
            tar.putArchiveEntry(entry);
            tar.write(new byte[3]);
            tar.closeArchiveEntry();
        }
        return Arrays.copyOf(bytes.toByteArray(), 512);
    }

    @Test
    void checksumAgreesWithCommonsCompressOnValidAndDamagedHeaders() throws IOException {
        Random random = new Random(5);
        int valid = 0;
        for (int n = 0; n < 5_000; n++) {
            byte[] header = header("opt/models/data/file" + n + ".py");
            if (n % 2 == 1) {
                header[random.nextInt(512)] = (byte) random.nextInt(256); // may hit the checksum field itself
            }
            if (n % 7 == 0) {
                header[random.nextInt(100)] = (byte) (0x80 | random.nextInt(128)); // bytes the signed sum counts negative
            }
            boolean expected;
            try {
                expected = TarUtils.verifyCheckSum(header);
            } catch (IllegalArgumentException e) {
                continue; // a damaged checksum field: both throw the same exception from parseOctal
            }
            valid += expected ? 1 : 0;
            assertThat(TarStream.checksumMatches(header)).as("header " + n).isEqualTo(expected);
        }
        assertThat(valid).as("both answers are exercised").isBetween(1_000, 4_000);
    }

    @Test
    void namesDecodeAsCommonsCompressDecodesThemAsciiOrNot() throws IOException {
        var commons = ZipEncodingHelper.getZipEncoding("UTF-8");
        for (String name : new String[] {"usr/lib/python3/site-packages/numpy/__init__.py", "opt/modèle/données.bin", "日本/語"}) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            assertThat(AsciiFirstEncoding.UTF8.decode(bytes)).isEqualTo(commons.decode(bytes)).isEqualTo(name);
        }
        byte[] broken = {'a', (byte) 0xc3, 'b', (byte) 0xff};
        assertThat(AsciiFirstEncoding.UTF8.decode(broken)).isEqualTo(commons.decode(broken));
    }
}
