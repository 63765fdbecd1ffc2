package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.SecretFinding;
import io.mlship.core.secret.SecretRule;
import io.mlship.core.secret.SecretRules;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Credentials left in image layers: private keys, cloud access keys, tokens, passwords in {@code .env},
 * {@code .npmrc}, {@code .pypirc} ({@link SecretRules}, shared with the log masker). Text files up to 1 MiB are searched line by line; binary files (a NUL
 * byte in the first 8 KiB) and file types that never hold hand-written secrets are passed over. A finding
 * names the rule, path and line, never the value.
 */
public final class SecretAnalyzer implements FileAnalyzer {

    static final long MAX_BYTES = 1L << 20;
    /** File types that never hold hand-written secrets (asked for every file, so a set lookup, not a pattern). */
    private static final Set<String> SKIPPED_TYPES = Set.of("so", "a", "o", "pyc", "pyo", "whl", "jar", "war", "ear", "zip",
            "gz", "tgz", "bz2", "xz", "zst", "7z", "png", "jpg", "jpeg", "gif", "ico", "svg", "woff", "woff2", "ttf", "pdf",
            "mo", "bin", "pt", "pth", "onnx", "h5", "pb", "npy", "npz", "safetensors", "parquet", "pkl", "ckpt", "tflite",
            "mlmodel");
    private static final Set<String> SKIPPED_DIRS = Set.of("/usr/share/doc/", "/usr/share/man/", "/usr/share/locale/",
            "/usr/share/i18n/", "/usr/share/zoneinfo/");
    /** The rules for files of certain names (.env, .npmrc, .pypirc): those files are searched without a marker. */
    private static final List<SecretRule> NAMED_FILE_RULES = SecretRules.ALL.stream().filter(rule -> !rule.contentRule()).toList();

    @Override
    public boolean wants(String path, long size) {
        if (size == 0 || size > MAX_BYTES || skippedType(path)) {
            return false;
        }
        for (String dir : SKIPPED_DIRS) {
            if (path.startsWith(dir)) {
                return false;
            }
        }
        return true;
    }

    private static boolean skippedType(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash) {
            return false;
        }
        String extension = path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return SKIPPED_TYPES.contains(extension) || path.indexOf(".so.", slash) > 0; // libfoo.so.1.2
    }

    @Override
    public long maxBytes() {
        return MAX_BYTES;
    }

    @Override
    public void analyze(String path, byte[] content, int length, Findings findings) {
        String fileName = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (!mayHoldSecret(content, length, fileName)) {
            return;
        }
        List<SecretRule> rules = SecretRules.ALL.stream().filter(rule -> rule.scanned() && rule.fileName().test(fileName)).toList();
        String text = new String(content, 0, length, StandardCharsets.UTF_8);
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            // One finding per line, the first rule in the shared order (the most specific first).
            for (SecretRule rule : rules) {
                if (rule.pattern().matcher(line).find()) {
                    findings.secret(new SecretFinding(rule.id(), rule.description(), path, lineNumber, -1, false));
                    break;
                }
            }
        }
    }

    /**
     * Whether the rules' patterns need to run at all: text files (no NUL byte in the first 8 KiB) of the rules'
     * names, or text holding a rule's fixed part.
     */
    static boolean mayHoldSecret(byte[] content, int length, String fileName) {
        for (SecretRule rule : NAMED_FILE_RULES) {
            if (rule.fileName().test(fileName)) {
                return !SecretMarkers.isBinary(content, length, 0);
            }
        }
        return SecretMarkers.textWithMarker(content, length);
    }
}
