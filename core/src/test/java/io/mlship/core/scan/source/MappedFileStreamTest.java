package io.mlship.core.scan.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedFileStreamTest {

    @TempDir
    Path dir;

    @Test
    void readsAndSkipsAcrossWindowsExactlyAsTheFileIs() throws IOException {
        byte[] data = new byte[100_003];
        new Random(7).nextBytes(data);
        Path file = Files.write(dir.resolve("a.bin"), data);
        Random steps = new Random(11);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ByteArrayOutputStream actual = new ByteArrayOutputStream();
        try (MappedFileStream in = new MappedFileStream(file, 4096)) {
            int position = 0;
            while (position < data.length) {
                int step = 1 + steps.nextInt(9000); // reads and skips shorter and longer than a window
                switch (steps.nextInt(3)) {
                    case 0 -> {
                        long skipped = in.skip(step);
                        assertThat(skipped).isEqualTo(Math.min(step, data.length - position));
                        position += (int) skipped;
                    }
                    case 1 -> {
                        int b = in.read();
                        actual.write(b);
                        expected.write(data[position] & 0xff);
                        position++;
                    }
                    default -> {
                        byte[] buffer = new byte[step];
                        int n = in.readNBytes(buffer, 0, step);
                        assertThat(n).isEqualTo(Math.min(step, data.length - position));
                        actual.write(buffer, 0, n);
                        expected.write(data, position, n);
                        position += n;
                    }
                }
            }
            assertThat(in.read()).isEqualTo(-1);
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
            assertThat(in.skip(10)).isZero();
        }
        assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void aSkipStopsAtTheEndOfTheFileSoATruncatedArchiveIsNoticed() throws IOException {
        Path file = Files.write(dir.resolve("short.bin"), new byte[1000]);
        try (MappedFileStream in = new MappedFileStream(file, 256)) {
            assertThat(in.skip(900)).isEqualTo(900);
            assertThat(in.skip(5000)).isEqualTo(100);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void aFileThatShrinksWhileItIsReadIsAClearErrorNotACrash() throws IOException {
        byte[] data = new byte[1 << 20];
        Arrays.fill(data, (byte) 'x');
        Path file = Files.write(dir.resolve("shrinks.bin"), data);
        MappedFileStream in = new MappedFileStream(file, 1 << 20);
        assertThat(in.read()).isEqualTo('x'); // the whole file is mapped now
        try (RandomAccessFile writer = new RandomAccessFile(file.toFile(), "rw")) {
            writer.setLength(4096);
        }
        Throwable failure = null;
        try {
            // Read on as a scan would; the fault may surface in the read or, from compiled code, a little later.
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                assertThat(buffer[0]).isIn((byte) 'x', (byte) 0);
            }
        } catch (IOException | InternalError e) {
            failure = e;
        } finally {
            try {
                in.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        assertThat(failure).as("reading a file that shrank must fail").isNotNull();
        if (failure instanceof InternalError e) {
            assertThat(ArchiveFileSource.changedWhileRead(e)).as(e.toString()).isTrue();
        } else {
            assertThat(failure).hasMessageContaining(
                    "shrinks.bin changed while it was read (it is now 4096 bytes, was 1048576 bytes)");
        }
    }
}
