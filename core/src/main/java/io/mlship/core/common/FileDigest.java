package io.mlship.core.common;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The sha256 and size of one file of a build context (model files are recorded in the provenance). */
public record FileDigest(String path, String sha256, long bytes) {

    public static FileDigest of(Path projectDirectory, String relativePath) {
        Path file = projectDirectory.resolve(relativePath);
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha256.update(buffer, 0, n);
                total += n;
            }
            return new FileDigest(relativePath, "sha256:" + HexFormat.of().formatHex(sha256.digest()), total);
        } catch (IOException e) {
            throw new MlshipException("cannot read model file " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
