package io.mlship.core.log.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampPrefixTest {

    @Test
    void readsTheCommonIsoFormsAtTheStartOfALine() {
        assertThat(millis("2026-11-23T10:00:01.123Z INFO x")).isEqualTo(Instant.parse("2026-11-23T10:00:01.123Z").toEpochMilli());
        assertThat(millis("2026-11-23T10:00:01.123456789Z x")).isEqualTo(Instant.parse("2026-11-23T10:00:01.123Z").toEpochMilli());
        assertThat(millis("2026-11-23 10:00:01,5 WARN x")).isEqualTo(Instant.parse("2026-11-23T10:00:01.500Z").toEpochMilli());
        assertThat(millis("2026-11-23T12:00:00+02:00 x")).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toEpochMilli());
        assertThat(millis("2024-02-29T00:00:00Z leap")).isEqualTo(Instant.parse("2024-02-29T00:00:00Z").toEpochMilli());
        assertThat(millis("1969-12-31T23:59:59Z before the epoch")).isEqualTo(-1000);
    }

    @Test
    void saysNoneForLinesWithoutOne() {
        assertThat(millis("INFO started")).isEqualTo(TimestampPrefix.NONE);
        assertThat(millis("2026-13-23T10:00:01Z bad month")).isEqualTo(TimestampPrefix.NONE);
        assertThat(millis("abcd-11-23T10:00:01Z")).isEqualTo(TimestampPrefix.NONE);
        assertThat(millis("2026-11-23")).isEqualTo(TimestampPrefix.NONE);
    }

    private static long millis(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return TimestampPrefix.epochMillis(b, 0, b.length);
    }
}
