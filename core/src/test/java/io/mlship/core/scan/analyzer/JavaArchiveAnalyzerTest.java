package io.mlship.core.scan.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** Java archives read in one pass: renamed and shaded log4j-core, nesting and its depth cap, broken archives. */
class JavaArchiveAnalyzerTest {

    static final String JNDI = "org/apache/logging/log4j/core/lookup/JndiLookup.class";

    static final class Collected implements Findings {
        final List<InstalledPackage> packages = new ArrayList<>();
        final List<String> skips = new ArrayList<>();

        @Override
        public void pkg(InstalledPackage pkg) {
            packages.add(pkg);
        }

        @Override
        public void secret(SecretFinding secret) {
        }

        @Override
        public void skip(String reason) {
            skips.add(reason);
        }
    }

    static byte[] jar(Map<String, byte[]> entries, Map<String, String> manifest) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().putValue(k, v));
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                jar.putNextEntry(new ZipEntry(e.getKey()));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Collected analyze(String path, byte[] jar) {
        Collected found = new Collected();
        new JavaArchiveAnalyzer().analyze(path, new ByteArrayInputStream(jar), found);
        return found;
    }

    @Test
    void aRenamedLog4jCoreIsRecognisedByItsClassesWithTheManifestVersion() throws IOException {
        byte[] renamed = jar(Map.of(JNDI, new byte[] {1}), Map.of("Implementation-Title", "Apache Log4j Core",
                "Implementation-Version", "2.14.1"));
        assertThat(analyze("/srv/logging.jar", renamed).packages)
                .containsExactly(new InstalledPackage("Maven", JavaArchiveAnalyzer.LOG4J_CORE, "2.14.1", "/srv/logging.jar", -1));
    }

    @Test
    void shadedLog4jClassesWithoutVersionAreReportedWithAnUnknownVersion() throws IOException {
        byte[] shaded = jar(Map.of("com/acme/shaded/" + JNDI, new byte[] {1}, "com/acme/Main.class", new byte[] {2}),
                Map.of("Implementation-Title", "acme-service", "Implementation-Version", "3.2"));
        Collected found = analyze("/srv/acme-service.jar", shaded);
        assertThat(found.packages).containsExactly(new InstalledPackage("Maven", JavaArchiveAnalyzer.LOG4J_CORE,
                InstalledPackage.UNKNOWN_VERSION, "/srv/acme-service.jar", -1));
    }

    @Test
    void nestedArchivesAreReadToADepthCap() throws IOException {
        byte[] inner = jar(Map.of("META-INF/maven/org.yaml/snakeyaml/pom.properties",
                "groupId=org.yaml\nartifactId=snakeyaml\nversion=1.33\n".getBytes(StandardCharsets.UTF_8)), Map.of());
        byte[] current = inner;
        for (int level = 0; level < JavaArchiveAnalyzer.MAX_DEPTH + 1; level++) {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            entries.put("lib/level" + level + ".jar", current);
            current = jar(entries, Map.of());
        }
        Collected deep = analyze("/app/deep.jar", current);
        assertThat(deep.packages).isEmpty();
        assertThat(deep.skips).singleElement().asString().contains("nested deeper than " + JavaArchiveAnalyzer.MAX_DEPTH);

        byte[] war = jar(Map.of("WEB-INF/lib/snakeyaml-1.33.jar", inner), Map.of());
        assertThat(analyze("/app/site.war", war).packages).extracting(InstalledPackage::name, InstalledPackage::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("org.yaml:snakeyaml", "/app/site.war!/WEB-INF/lib/snakeyaml-1.33.jar"));
    }

    @Test
    void aFileNamedJarThatIsNoArchiveIsASkip() throws IOException {
        Collected found = analyze("/app/broken.jar", "definitely not a zip file".getBytes(StandardCharsets.UTF_8));
        assertThat(found.packages).isEmpty();
        assertThat(found.skips).singleElement().asString().contains("/app/broken.jar: not a readable Java archive");
        Collected truncated = new Collected();
        byte[] noise = new byte[20000];
        new java.util.Random(3).nextBytes(noise);
        byte[] whole = jar(Map.of("model/blob.bin", noise), Map.of());
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        new JavaArchiveAnalyzer().analyze("/app/truncated.jar", new ByteArrayInputStream(cut), truncated);
        assertThat(truncated.packages).isEmpty();
        assertThat(truncated.skips).singleElement().asString().contains("/app/truncated.jar: not a readable Java archive");
    }
}
