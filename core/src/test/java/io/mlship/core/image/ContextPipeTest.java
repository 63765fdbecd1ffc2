package io.mlship.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ContextPipeTest {

    @Test
    void carriesEveryByteInOrderWhateverTheWriteAndReadSizes() throws Exception {
        byte[] data = new byte[5 * ContextPipe.PIECE + 12_345];
        new Random(7).nextBytes(data);
        ContextPipe pipe = new ContextPipe(2);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            Random sizes = new Random(11);
            try (OutputStream out = pipe.sink()) {
                int at = 0;
                while (at < data.length) {
                    int n = Math.min(data.length - at, sizes.nextInt(3) == 0 ? 1 : sizes.nextInt(3 * ContextPipe.PIECE / 2));
                    if (n == 1) {
                        out.write(data[at]);
                    } else {
                        out.write(data, at, n);
                    }
                    at += n;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = pipe.source()) {
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
            assertThat(in.read()).isEqualTo(-1);
        }
        writer.get(10, TimeUnit.SECONDS);
        assertThat(received.toByteArray()).isEqualTo(data);
    }

    @Test
    void transferToHandsOverEveryPieceAndFailsWithTheWriter() throws Exception {
        byte[] data = new byte[3 * ContextPipe.PIECE + 5];
        new Random(9).nextBytes(data);
        ContextPipe pipe = new ContextPipe(2);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream out = pipe.sink()) {
                out.write(data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        InputStream in = pipe.source();
        byte[] first = in.readNBytes(10); // part of a piece read the ordinary way first
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        assertThat(in.transferTo(rest)).isEqualTo(data.length - 10L);
        writer.get(10, TimeUnit.SECONDS);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(first);
        all.write(rest.toByteArray());
        assertThat(all.toByteArray()).isEqualTo(data);

        ContextPipe failing = new ContextPipe(2);
        failing.sink().write(new byte[ContextPipe.PIECE + 1]);
        failing.fail(new IOException("disk gone"));
        assertThatThrownBy(() -> failing.source().transferTo(OutputStream.nullOutputStream()))
                .hasMessageContaining("packing the build context failed: disk gone");
    }

    @Test
    void aWriterThatFailsMakesTheReaderFailInsteadOfSeeingAnEnd() throws Exception {
        ContextPipe pipe = new ContextPipe(2);
        pipe.sink().write(new byte[100]);
        pipe.sink().flush();
        pipe.fail(new IOException("model.bin: permission denied"));
        InputStream in = pipe.source();
        assertThatThrownBy(() -> in.readAllBytes())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("packing the build context failed: model.bin: permission denied");
    }

    @Test
    void aReaderThatGoesAwayReleasesABlockedWriterWithAnError() throws Exception {
        ContextPipe pipe = new ContextPipe(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                pipe.sink().write(new byte[10 * ContextPipe.PIECE]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200); // the writer is now blocked on the full pipe
        assertThat(writer).isNotDone();
        pipe.source().close();
        assertThatThrownBy(() -> writer.get(5, TimeUnit.SECONDS))
                .hasRootCauseMessage("the Docker daemon stopped reading the build context");
        assertThat(pipe.abandonedByReader()).isTrue();
    }
}
