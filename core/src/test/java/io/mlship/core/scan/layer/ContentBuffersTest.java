package io.mlship.core.scan.layer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentBuffersTest {

    @Test
    void arraysAreLargeEnoughPowersOfTwoAndReused() {
        ContentBuffers buffers = new ContentBuffers();
        assertThat(buffers.take(0)).hasSize(ContentBuffers.MIN);
        assertThat(buffers.take(4096)).hasSize(4096);
        assertThat(buffers.take(4097)).hasSize(8192);
        assertThat(buffers.take(ContentBuffers.MAX_POOLED)).hasSize(ContentBuffers.MAX_POOLED);
        byte[] used = buffers.take(10_000);
        assertThat(used).hasSize(16384);
        buffers.give(used);
        assertThat(buffers.take(9_000)).isSameAs(used);
        assertThat(buffers.take(9_000)).isNotSameAs(used);
    }

    @Test
    void largeFilesGetTheirOwnArrayAndTheFreeBytesAreBounded() {
        ContentBuffers buffers = new ContentBuffers();
        byte[] large = buffers.take(ContentBuffers.MAX_POOLED + 1);
        assertThat(large).hasSize(ContentBuffers.MAX_POOLED + 1);
        buffers.give(large);
        assertThat(buffers.take(ContentBuffers.MAX_POOLED + 1)).isNotSameAs(large);

        int kept = ContentBuffers.MAX_FREE_BYTES / ContentBuffers.MAX_POOLED;
        byte[][] given = new byte[kept + 1][];
        for (int i = 0; i < given.length; i++) {
            given[i] = buffers.take(ContentBuffers.MAX_POOLED);
        }
        for (byte[] buffer : given) {
            buffers.give(buffer);
        }
        int reused = 0;
        for (int i = 0; i < given.length; i++) {
            byte[] again = buffers.take(ContentBuffers.MAX_POOLED);
            for (byte[] buffer : given) {
                reused += again == buffer ? 1 : 0;
            }
        }
        assertThat(reused).isEqualTo(kept);
    }
}
