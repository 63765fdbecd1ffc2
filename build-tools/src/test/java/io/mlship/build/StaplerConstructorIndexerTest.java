package io.mlship.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the processor inside a real javac and reads the .stapler files it wrote, as Stapler would. */
class StaplerConstructorIndexerTest {

    @TempDir
    Path temp;

    @Test
    void writesTheConstructorParameterNamesOfTopLevelAndNestedClasses() throws Exception {
        Path src = Files.createDirectories(temp.resolve("src"));
        Path annotation = Files.createDirectories(src.resolve("org/kohsuke/stapler")).resolve("DataBoundConstructor.java");
        Files.writeString(annotation, "package org.kohsuke.stapler; public @interface DataBoundConstructor {}");
        Path step = Files.createDirectories(src.resolve("demo")).resolve("Step.java");
        Files.writeString(step, String.join("\n",
                "package demo;",
                "import org.kohsuke.stapler.DataBoundConstructor;",
                "public class Step {",
                "    @DataBoundConstructor public Step(String image, int größe) {}",
                "    public static class Nested { @DataBoundConstructor public Nested() {} }",
                "}"));
        Path out = Files.createDirectories(temp.resolve("classes"));

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, java.nio.charset.StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, null, List.of("-d", out.toString(), "-proc:only"),
                    null, files.getJavaFileObjects(annotation.toFile(), step.toFile()));
            task.setProcessors(List.of(new StaplerConstructorIndexer()));
            assertThat(task.call()).isTrue();
        }

        // Stapler's lookup: binary name, '.' and '$' as '/'.
        assertThat(constructorOf(out.resolve("demo/Step.stapler"))).isEqualTo("image,größe");
        assertThat(constructorOf(out.resolve("demo/Step/Nested.stapler"))).isEmpty();
    }

    private static String constructorOf(Path file) throws Exception {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        return properties.getProperty("constructor");
    }
}
