package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The tests' {@link AgentPath}: a local file, as {@code FilePath} is on the built-in node. */
public record LocalAgentPath(Path file) implements AgentPath {

    @Override
    public AgentPath child(String relative) {
        return new LocalAgentPath(file.resolve(relative));
    }

    @Override
    public String path() {
        return file.toString();
    }

    @Override
    public boolean exists() {
        return Files.exists(file);
    }

    @Override
    public void mkdirs() throws IOException {
        Files.createDirectories(file);
    }

    @Override
    public void copyFrom(InputStream content) throws IOException {
        Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public InputStream read() throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public long length() throws IOException {
        return Files.size(file);
    }

    @Override
    public String md5() throws IOException {
        return md5(Files.readAllBytes(file));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void renameTo(AgentPath target) throws IOException {
        Files.move(file, ((LocalAgentPath) target).file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public void chmod(int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ .. OTHERS_EXECUTE, high bit first
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (bits.length - 1 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        Files.setPosixFilePermissions(file, permissions);
    }

    @Override
    public List<String> files() throws IOException {
        if (!Files.isDirectory(file)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(file)) {
            return walk.filter(Files::isRegularFile).map(p -> file.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }
}
