package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Opens the packaged .hpi and checks everything Jenkins needs to load it: the manifest, the plugin
 * jar alone under WEB-INF/lib with the CLI jar inside it, the SezPoz extension index, the .stapler files, and
 * index.jelly; and that nothing of jenkins-api and no log4j-core went in.
 */
class HpiLayoutIT {

    static final String PLUGIN_JAR = "WEB-INF/lib/mlship.jar";

    @TempDir
    static Path temp;

    static Path hpi;
    static Path pluginJar;

    @BeforeAll
    static void unpackPluginJar() throws IOException {
        hpi = Path.of(System.getProperty("mlship.hpi", "target/mlship.hpi"));
        assertThat(hpi).as("the packaged plugin").isRegularFile();
        pluginJar = temp.resolve("mlship.jar");
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry entry = zip.getEntry(PLUGIN_JAR);
            assertThat(entry).as(PLUGIN_JAR + " in the hpi").isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, pluginJar);
            }
        }
    }

    @Test
    void manifestCarriesWhatThePluginManagerReads() throws IOException {
        Attributes main;
        try (JarFile jar = new JarFile(hpi.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest).as("META-INF/MANIFEST.MF").isNotNull();
            main = manifest.getMainAttributes();
        }
        assertThat(main.getValue("Short-Name")).isEqualTo("mlship");
        assertThat(main.getValue("Long-Name")).isNotBlank();
        assertThat(main.getValue("Plugin-Version")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(main.getValue("Jenkins-Version")).isEqualTo("2.479.3");
        assertThat(main.getValue("Minimum-Java-Version")).isEqualTo("17");
        assertThat(main.getValue("Url")).startsWith("https://");
        assertThat(Arrays.asList(main.getValue("Plugin-Dependencies").split(",")))
                .contains("workflow-step-api:686.v603d058a_e148", "workflow-api:1336.vee415d95c521",
                        // the credentials ids of the steps are resolved with these (jenkins-api/src/credentials/java/README.md)
                        "credentials:1453.v9b_a_29777a_b_fd", "plain-credentials:199.v9f8e1f741799");
    }

    @Test
    void libraryFolderHoldsOnlyThePluginJarSoNothingClashesWithJenkinsOrOtherPlugins() throws IOException {
        List<String> libraries = entries(hpi).stream()
                .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                .map(name -> name.substring("WEB-INF/lib/".length()))
                .toList();
        // The engine (core, docker-java, fabric8, openshift-client, Bouncy Castle, Guava, Jackson) runs on the agent
        // inside the CLI jar; the controller side needs nothing beyond the plugin's own classes.
        assertThat(libraries).containsExactly("mlship.jar");
        assertThat(entries(pluginJar)).noneMatch(name -> name.startsWith("io/mlship/core/") || name.startsWith("com/github/dockerjava/")
                || name.startsWith("io/fabric8/") || name.startsWith("org/bouncycastle/") || name.startsWith("com/google/common/")
                || name.startsWith("com/fasterxml/jackson/"));
    }

    @Test
    void thePluginJarCarriesTheCliJarWithItsDigests() throws Exception {
        Path cli = temp.resolve("mlship-cli.jar");
        String sha256;
        String md5;
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            ZipEntry entry = jar.getEntry("io/mlship/plugin/cli/mlship-cli.jar");
            assertThat(entry).as("the CLI jar in the plugin jar").isNotNull();
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, cli);
            }
            sha256 = text(jar, "io/mlship/plugin/cli/mlship-cli.jar.sha256");
            md5 = text(jar, "io/mlship/plugin/cli/mlship-cli.jar.md5");
        }
        byte[] bytes = Files.readAllBytes(cli);
        assertThat(sha256).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(md5).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)));
        try (JarFile jar = new JarFile(cli.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.mlship.cli.Main");
            assertThat(jar.getEntry("io/mlship/core/deploy/service/DeployService.class")).as("the engine inside the CLI jar").isNotNull();
        }
        Path built = Path.of(System.getProperty("mlship.cli.jar", "../cli/target/mlship.jar"));
        assertThat(cli).as("the same jar as ./mlship runs").hasSameBinaryContentAs(built);
    }

    private static String text(ZipFile jar, String name) throws IOException {
        ZipEntry entry = jar.getEntry(name);
        assertThat(entry).as(name + " in the plugin jar").isNotNull();
        try (InputStream in = jar.getInputStream(entry)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
            return text.contains(" ") ? text.substring(0, text.indexOf(' ')) : text;
        }
    }

    @Test
    void noJenkinsApiClassAndNoLog4jCoreAnywhereInside() throws IOException {
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (ZipEntry library : Collections.list(zip.entries())) {
                if (!library.getName().endsWith(".jar")) {
                    continue;
                }
                assertThat(library.getName()).doesNotContainIgnoringCase("log4j-core");
                try (ZipInputStream jar = new ZipInputStream(zip.getInputStream(library))) {
                    for (ZipEntry e = jar.getNextEntry(); e != null; e = jar.getNextEntry()) {
                        String name = e.getName();
                        assertThat(name).as("in " + library.getName())
                                .doesNotStartWith("hudson/")
                                .doesNotStartWith("jenkins/")
                                .doesNotStartWith("org/kohsuke/stapler/")
                                .doesNotStartWith("org/jenkinsci/")
                                .doesNotStartWith("org/jenkins/")
                                .doesNotStartWith("com/cloudbees/")
                                .doesNotStartWith("org/apache/logging/log4j/core/");
                    }
                }
            }
        }
    }

    @Test
    void extensionIndexListsEveryExtensionOfThePluginJar() throws Exception {
        assertThat(entries(pluginJar)).contains("META-INF/annotations/hudson.Extension");
        try (URLClassLoader loader = pluginJarOnly()) {
            Set<String> indexed = new HashSet<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className());
            }
            Set<String> annotated = pluginClasses(loader).stream()
                    .filter(c -> c.isAnnotationPresent(Extension.class))
                    .map(Class::getName)
                    .collect(Collectors.toSet());
            assertThat(annotated).as("@Extension classes in the plugin jar").isNotEmpty();
            assertThat(indexed).isEqualTo(annotated);
        }
    }

    @Test
    void everyDataBoundConstructorHasItsStaplerFileWithTheParameterNames() throws Exception {
        try (URLClassLoader loader = pluginJarOnly()) {
            List<Class<?>> dataBound = pluginClasses(loader).stream()
                    .filter(c -> Arrays.stream(c.getDeclaredConstructors()).anyMatch(k -> k.isAnnotationPresent(DataBoundConstructor.class)))
                    .toList();
            assertThat(dataBound).as("classes with @DataBoundConstructor").isNotEmpty();
            for (Class<?> type : dataBound) {
                Constructor<?> constructor = Arrays.stream(type.getDeclaredConstructors())
                        .filter(k -> k.isAnnotationPresent(DataBoundConstructor.class)).findFirst().orElseThrow();
                // Stapler's lookup: binary name with '.' and '$' turned into '/'.
                String resource = type.getName().replace('.', '/').replace('$', '/') + ".stapler";
                URL url = loader.findResource(resource);
                assertThat(url).as(resource + " in the plugin jar").isNotNull();
                Properties stapler = new Properties();
                try (InputStream in = url.openStream()) {
                    stapler.load(in);
                }
                String expected = Arrays.stream(constructor.getParameters()).map(Parameter::getName).collect(Collectors.joining(","));
                assertThat(stapler.getProperty("constructor")).isEqualTo(expected);
            }
        }
    }

    /** DeliveryReportAction/index.jelly loads these from ${rootURL}/plugin/mlship/report/: the same files core inlines into report.html. */
    @Test
    void theReportPagesFrontEndIsAStaticFileOfThePluginIdenticalToCores() throws IOException {
        Path core = Path.of("..", "core", "src", "main", "resources", "io", "mlship", "core", "report", "html");
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            for (String file : List.of("report.js", "report.css", "vendor/chart.umd.min.js", "vendor/chart.js-LICENSE.md")) {
                ZipEntry entry = zip.getEntry("report/" + file);
                assertThat(entry).as("report/" + file + " in the hpi").isNotNull();
                try (InputStream in = zip.getInputStream(entry)) {
                    assertThat(in.readAllBytes()).as("report/" + file).isEqualTo(Files.readAllBytes(core.resolve(file)));
                }
            }
        }
    }

    @Test
    void indexJellyDescribesThePlugin() throws IOException {
        try (ZipFile jar = new ZipFile(pluginJar.toFile())) {
            ZipEntry index = jar.getEntry("index.jelly");
            assertThat(index).as("index.jelly in the plugin jar").isNotNull();
            try (InputStream in = jar.getInputStream(index)) {
                assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).contains("mlBuildImage");
            }
        }
    }

    /** The plugin jar from the hpi, with resource lookups not falling through to target/classes. */
    private static URLClassLoader pluginJarOnly() throws IOException {
        ClassLoader testClasses = HpiLayoutIT.class.getClassLoader();
        ClassLoader classesOnly = new ClassLoader(testClasses) {
            @Override
            public Enumeration<URL> getResources(String name) {
                return Collections.emptyEnumeration();
            }

            @Override
            public URL getResource(String name) {
                return null;
            }
        };
        return new URLClassLoader(new URL[] {pluginJar.toUri().toURL()}, classesOnly);
    }

    private static List<Class<?>> pluginClasses(ClassLoader loader) throws IOException, ClassNotFoundException {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : entries(pluginJar)) {
            if (name.endsWith(".class")) {
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'), false, loader));
            }
        }
        return classes;
    }

    private static List<String> entries(Path zipFile) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            return Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();
        }
    }
}
