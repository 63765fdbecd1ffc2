package io.mlship.core.scan;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.image.ImageBuildRequest;
import io.mlship.core.image.ImageBuilder;
import io.mlship.core.log.LogSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;

/**
 * Fake but realistic installed artifacts for scan tests: Python dist-info metadata, a log4j-core jar made
 * here (its pom.properties and a JndiLookup.class entry; never a real log4j jar), a Spring Boot-style fat
 * jar nesting it; images built from them on the real daemon; the real OSV PyPI database beside the repo.
 */
final class ScanFixtures {

    static final String LOG4J_POM = "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties";
    static final String JNDI_LOOKUP = "org/apache/logging/log4j/core/lookup/JndiLookup.class";

    private ScanFixtures() {
    }

    /** The project root: the first folder upwards whose pom.xml lists modules. */
    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path pom = d.resolve("pom.xml");
            try {
                if (Files.isRegularFile(pom) && Files.readString(pom).contains("<modules>")) {
                    return d;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no project root above " + dir);
    }

    /** The real PyPA advisory snapshot, read in place ({@code ../shared/data/osv-pypi} from the project root). */
    static Path osvPypi() {
        return repoRoot().resolve("../shared/data/osv-pypi").normalize();
    }

    static String testTag(String name) {
        return "mlship-test-scan/" + name + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void pythonDistribution(Path root, String sitePackages, String name, String version) throws IOException {
        Path dist = root.resolve(sitePackages).resolve(name + "-" + version + ".dist-info");
        Files.createDirectories(dist);
        Files.writeString(dist.resolve("METADATA"), "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version
                + "\nSummary: test fixture\nRequires-Python: >=3.7\n\nLong description.\nVersion: 0.0.0-not-a-header\n");
        Files.writeString(dist.resolve("RECORD"), name.toLowerCase() + "/__init__.py,,\n");
    }

    static byte[] log4jCoreJar(String version) throws IOException {
        return jar(Map.of(LOG4J_POM, ("groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=" + version + "\n")
                        .getBytes(StandardCharsets.UTF_8),
                JNDI_LOOKUP, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 52},
                "org/apache/logging/log4j/core/Logger.class", new byte[] {(byte) 0xca, (byte) 0xfe}), null, false);
    }

    /** A Spring Boot-style fat jar: the nested jar stored uncompressed under BOOT-INF/lib. */
    static byte[] fatJar(String nestedName, byte[] nested) throws IOException {
        return jar(Map.of("BOOT-INF/lib/" + nestedName, nested, "BOOT-INF/classes/com/acme/App.class", new byte[] {1, 2, 3},
                "META-INF/maven/com.acme/app/pom.properties",
                "groupId=com.acme\nartifactId=app\nversion=1.0.0\n".getBytes(StandardCharsets.UTF_8)),
                Map.of("Implementation-Title", "app", "Implementation-Version", "1.0.0"), true);
    }

    static byte[] jar(Map<String, byte[]> entries, Map<String, String> manifest, boolean storeJars) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (manifest != null) {
            manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        }
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
                JarEntry entry = new JarEntry(e.getKey());
                if (storeJars && e.getKey().endsWith(".jar")) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCompressedSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                jar.putNextEntry(entry);
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Builds {@code context} (a Dockerfile and what it copies) on the daemon under {@code tag}. */
    static void build(DockerClient docker, Path context, String tag, Path logs) throws InterruptedException {
        new ImageBuilder(docker).build(ImageBuildRequest.of(context, tag, logs), LogSink.discarding());
    }

    /** {@code docker save} through the API into a file. */
    static Path save(DockerClient docker, String tag, Path file) throws IOException {
        try (InputStream in = docker.saveImageCmd(tag).exec()) {
            Files.copy(in, file);
        }
        return file;
    }

    static void removeQuietly(DockerClient docker, String tag) {
        try {
            docker.removeImageCmd(tag).withForce(true).exec();
        } catch (RuntimeException e) {
            // already gone
        }
    }
}
