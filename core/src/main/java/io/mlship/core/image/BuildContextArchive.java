package io.mlship.core.image;

import io.mlship.core.MlshipException;
import io.mlship.core.common.FileDigest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Streams a build context as an uncompressed tar (what the daemon reads, in one pass over the files),
 * honouring the context's {@code .dockerignore} (glob patterns, {@code !} exceptions, later lines win).
 * The files named for digests are hashed as their bytes go by; the Dockerfile, which may carry labels
 * made from those digests, is written last under {@link #DOCKERFILE}.
 */
final class BuildContextArchive {

    /** The Dockerfile's name inside the archive (the user's own Dockerfile is sent unchanged beside it). */
    static final String DOCKERFILE = ".mlship.Dockerfile";
    private static final int BUFFER = 1 << 20;

    private BuildContextArchive() {
    }

    /**
     * @param dockerfileFromDigests the Dockerfile text, given the digests of {@code digestFiles}
     * @param target receives the whole archive, flushed; it is left open, so that a caller can end it as
     *               failed rather than complete when this throws
     * @return the digests of {@code digestFiles}, by context-relative path
     */
    static Map<String, FileDigest> stream(Path context, Set<String> digestFiles,
                                          Function<Map<String, FileDigest>, String> dockerfileFromDigests, OutputStream target) {
        List<IgnoreRule> ignores = readIgnores(context);
        Map<String, FileDigest> digests = new HashMap<>();
        byte[] buffer = new byte[BUFFER];
        // 512-byte blocks: nothing follows the end-of-archive marker, because the daemon stops reading
        // there and closes the connection (padding to a larger block would be written into a closed socket).
        BufferedOutputStream buffered = new BufferedOutputStream(target, BUFFER);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(buffered, 512);
        try {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            Files.walkFileTree(context, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    String name = context.relativize(dir).toString().replace('\\', '/');
                    if (!name.isEmpty()) {
                        if (ignored(ignores, name)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        tar.putArchiveEntry(tar.createArchiveEntry(dir, name + "/"));
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
                    String name = context.relativize(path).toString().replace('\\', '/');
                    if (!attrs.isRegularFile() || name.equals(DOCKERFILE) || ignored(ignores, name)) {
                        return FileVisitResult.CONTINUE;
                    }
                    tar.putArchiveEntry(tar.createArchiveEntry(path, name));
                    MessageDigest sha256 = digestFiles.contains(name) ? sha256() : null;
                    long total = 0;
                    try (InputStream in = Files.newInputStream(path)) {
                        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                            tar.write(buffer, 0, n);
                            if (sha256 != null) {
                                sha256.update(buffer, 0, n);
                            }
                            total += n;
                        }
                    }
                    tar.closeArchiveEntry();
                    if (sha256 != null) {
                        digests.put(name, new FileDigest(name, "sha256:" + HexFormat.of().formatHex(sha256.digest()), total));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (String file : digestFiles) {
                if (!digests.containsKey(file) && Files.isRegularFile(context.resolve(file))) {
                    digests.put(file, FileDigest.of(context, file)); // excluded by .dockerignore, still recorded
                }
            }
            byte[] dockerfile = dockerfileFromDigests.apply(Map.copyOf(digests)).getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(DOCKERFILE);
            entry.setSize(dockerfile.length);
            tar.putArchiveEntry(entry);
            tar.write(dockerfile);
            tar.closeArchiveEntry();
            tar.finish();
            buffered.flush(); // the tar stream's own flush does not reach through to the target
        } catch (IOException e) {
            throw new MlshipException("cannot send the build context " + context + ": " + e.getMessage()
                    + "; check that its files are readable (and that the Docker daemon is still there)", e);
        }
        return digests;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record IgnoreRule(PathMatcher matcher, boolean exception) {
    }

    private static List<IgnoreRule> readIgnores(Path context) {
        Path file = context.resolve(".dockerignore");
        List<IgnoreRule> rules = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rules;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                boolean exception = pattern.startsWith("!");
                pattern = (exception ? pattern.substring(1) : pattern).replaceAll("^/+", "").replaceAll("/+$", "");
                rules.add(new IgnoreRule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), exception));
            }
        } catch (IOException e) {
            throw new MlshipException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rules;
    }

    /** Docker's rule: the last matching line decides; a pattern matching a folder ignores what is inside. */
    private static boolean ignored(List<IgnoreRule> rules, String name) {
        boolean ignored = false;
        for (IgnoreRule rule : rules) {
            if (matchesSelfOrParent(rule.matcher(), name)) {
                ignored = !rule.exception();
            }
        }
        return ignored;
    }

    private static boolean matchesSelfOrParent(PathMatcher matcher, String name) {
        for (Path p = Path.of(name); p != null; p = p.getParent()) {
            if (matcher.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
