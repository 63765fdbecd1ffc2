package io.mlship.core.log.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a capture treats its lines: secret values to mask, extra noise rules (regexes), when a
 * source's file is rotated (and gzip-compressed), and how much the console view shows.
 *
 * @param secrets      values masked in every stored file, index and view (with their Base64 and URL-encoded forms)
 * @param noiseRules   user regexes; a matching line is stored and counted but not shown
 * @param rotateBytes  a source's current file is rotated and compressed once it grows past this
 * @param headLines    lines shown live at the start of each source
 * @param tailLines    lines shown at the end of each source
 */
public record CaptureSettings(List<String> secrets, List<String> noiseRules, long rotateBytes, int headLines, int tailLines) {

    public static final long DEFAULT_ROTATE_BYTES = 256L << 20;

    public CaptureSettings {
        secrets = List.copyOf(secrets);
        noiseRules = List.copyOf(noiseRules);
        if (rotateBytes < 1 << 20) {
            throw new io.mlship.core.MlshipException("the rotation size (--rotate-size) must be at least 1m (1 MiB), was "
                    + rotateBytes + " bytes");
        }
    }

    public static CaptureSettings defaults() {
        return new CaptureSettings(List.of(), List.of(), DEFAULT_ROTATE_BYTES, 20, 20);
    }

    public CaptureSettings withSecrets(Collection<String> values) {
        List<String> all = new ArrayList<>(secrets);
        values.stream().filter(v -> v != null && !v.isEmpty()).forEach(all::add);
        return new CaptureSettings(all, noiseRules, rotateBytes, headLines, tailLines);
    }

    public CaptureSettings withNoise(List<String> regexes) {
        List<String> all = new ArrayList<>(noiseRules);
        all.addAll(regexes);
        return new CaptureSettings(secrets, all, rotateBytes, headLines, tailLines);
    }

    public CaptureSettings withRotateBytes(long bytes) {
        return new CaptureSettings(secrets, noiseRules, bytes, headLines, tailLines);
    }

    public CaptureSettings withView(int head, int tail) {
        return new CaptureSettings(secrets, noiseRules, rotateBytes, head, tail);
    }

    /** Never prints the secret values themselves. */
    @Override
    public String toString() {
        return "CaptureSettings[" + secrets.size() + " secrets, noise rules " + noiseRules + ", rotate at " + rotateBytes
                + " bytes, head " + headLines + ", tail " + tailLines + "]";
    }
}
