package io.mlship.core.image;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Packs a build context into a tar with a Dockerfile that is not part of it (a generated one), honouring
 * the context's {@code .dockerignore} (glob patterns, {@code !} exceptions, later lines win).
 */
final class BuildContextArchive {

    /** The generated Dockerfile's name inside the archive. */
    static final String GENERATED_DOCKERFILE = ".mlship.generated.Dockerfile";

    private BuildContextArchive() {
    }

    static void write(Path context, String dockerfile, Path tarFile) {
        List<IgnoreRule> ignores = readIgnores(context);
        try (OutputStream file = Files.newOutputStream(tarFile);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
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
                    if (!attrs.isRegularFile() || ignored(ignores, name) || name.equals(GENERATED_DOCKERFILE)) {
                        return FileVisitResult.CONTINUE;
                    }
                    TarArchiveEntry entry = tar.createArchiveEntry(path, name);
                    tar.putArchiveEntry(entry);
                    Files.copy(path, tar);
                    tar.closeArchiveEntry();
                    return FileVisitResult.CONTINUE;
                }
            });
            byte[] content = dockerfile.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(GENERATED_DOCKERFILE);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new MlshipException("cannot pack the build context " + context + " into " + tarFile + ": " + e.getMessage()
                    + "; check that the files are readable and the disk is not full", e);
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
        Path path = Path.of(name);
        for (Path p = path; p != null; p = p.getParent()) {
            if (matcher.matches(p)) {
                return true;
            }
        }
        return false;
    }
}
