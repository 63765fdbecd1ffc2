package io.mlship.core.log.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanner finds exactly what a plain case-insensitive search with word-boundary checks finds. */
class TriggerScannerTest {

    private static final List<TriggerScanner.Trigger> TRIGGERS = List.of(
            new TriggerScanner.Trigger("error", 1, true, true),
            new TriggerScanner.Trigger("exception", 1, false, true),
            new TriggerScanner.Trigger("warn", 2, true, true),
            new TriggerScanner.Trigger("kube-probe/", 4, false, false),
            new TriggerScanner.Trigger("api_key", 8, false, false),
            new TriggerScanner.Trigger("ping", 16, true, true),
            new TriggerScanner.Trigger("S3cr3t-Value", 32, false, false),
            new TriggerScanner.Trigger("-----begin", 64, false, false));

    @Test
    void agreesWithANaiveSearchOnRandomLines() {
        TriggerScanner scanner = new TriggerScanner(TRIGGERS);
        Random random = new Random(3);
        String[] words = {"error", "ERROR", "errors", "Exception", "IOException:", "warn", "Warning", "kube-probe/1.29",
            "API_KEY=x", "ping", "pinging", "shipping", "s3cr3t-value", "-----BEGIN", "x", "_", "@", "`", "-", " ", "data"};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder line = new StringBuilder();
            int count = random.nextInt(8);
            for (int w = 0; w < count; w++) {
                line.append(words[random.nextInt(words.length)]);
                if (random.nextBoolean()) {
                    line.append(' ');
                }
            }
            byte[] bytes = ("<<" + line + ">>").getBytes(StandardCharsets.UTF_8);
            assertThat(scanner.scan(bytes, 2, bytes.length - 2)).as(line.toString()).isEqualTo(naive(line.toString()));
        }
    }

    @Test
    void scanningABufferOfLinesGivesEachLineItsOwnFlags() {
        TriggerScanner scanner = new TriggerScanner(TRIGGERS);
        String text = "ok\r\nERROR x\nwarn\n\nkube-probe/1 ping\nno trigger\nshipping err";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.util.List<String> seen = new java.util.ArrayList<>();
        int rest = scanner.scanLines(bytes, 0, bytes.length,
                (start, end, flags) -> seen.add(new String(bytes, start, end - start, StandardCharsets.UTF_8) + "=" + flags));
        assertThat(seen).containsExactly("ok=0", "ERROR x=1", "warn=2", "=0", "kube-probe/1 ping=20", "no trigger=0");
        assertThat(new String(bytes, rest, bytes.length - rest, StandardCharsets.UTF_8)).isEqualTo("shipping err");
    }

    @Test
    void respectsWordBoundariesAndIgnoresCase() {
        TriggerScanner scanner = new TriggerScanner(TRIGGERS);
        assertThat(flags(scanner, "ERROR: boom")).isEqualTo(1);
        assertThat(flags(scanner, "0 errors")).isZero();
        assertThat(flags(scanner, "java.lang.IllegalStateException: x")).isEqualTo(1);
        assertThat(flags(scanner, "sending keepalive PING")).isEqualTo(16);
        assertThat(flags(scanner, "mapping shipping")).isZero();
        assertThat(flags(scanner, "ua kube-probe/1.29 WARN")).isEqualTo(4 | 2);
    }

    private static int flags(TriggerScanner scanner, String line) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return scanner.scan(bytes, 0, bytes.length);
    }

    private static int naive(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        int flags = 0;
        for (TriggerScanner.Trigger trigger : TRIGGERS) {
            String literal = trigger.literal().toLowerCase(Locale.ROOT);
            for (int at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
                int end = at + literal.length();
                boolean startOk = !trigger.wordStart() || at == 0 || !isWord(line.charAt(at - 1));
                boolean endOk = !trigger.wordEnd() || end == line.length() || !isWord(line.charAt(end));
                if (startOk && endOk) {
                    flags |= trigger.flag();
                }
            }
        }
        return flags;
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
