package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

/**
 * What the Snippet Generator and the help links need, checked from the classes: every step has a config.jelly with an
 * entry for each option it binds (lists excepted: the form cannot bind them, their help says to write them in the
 * script) and a help file for each option (Jenkins looks the help up along the step's superclasses); every Jelly view
 * escapes by default and, like every help file, is well-formed and runs no inline script (no <script> without src, no
 * on*= handler).
 */
class SnippetGeneratorResourcesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path CLASSES = Path.of("target/classes");

    @Test
    void everyStepHasAFormEntryAndHelpForEachOption() throws IOException {
        List<Class<?>> steps = steps();
        assertThat(steps).extracting(Class::getSimpleName).contains("BuildImageStep", "VerifyImageStep", "ScanImageStep", "DeployStep",
                "RollbackStep", "DiagnoseStep", "ShadowStep");
        for (Class<?> step : steps) {
            Path folder = RESOURCES.resolve(step.getName().replace('.', '/'));
            assertThat(folder.resolve("help.html")).as(step.getSimpleName() + " help").exists();
            Path config = folder.resolve("config.jelly");
            assertThat(config).as(step.getSimpleName() + " config.jelly").exists();
            String form = Files.readString(config);
            for (Map.Entry<String, Class<?>> option : options(step).entrySet()) {
                String name = step.getSimpleName() + "." + option.getKey();
                assertThat(help(step, option.getKey())).as(name + ": help-" + option.getKey() + ".html along the superclasses").isNotNull();
                if (!List.class.isAssignableFrom(option.getValue())) {
                    assertThat(form).as(name + " in config.jelly").contains("field=\"" + option.getKey() + "\"");
                }
            }
        }
    }

    @Test
    void theUnstableOnOptionIsAcceptedOnlyForFailuresAStepCanSoften() {
        VerifyImageStep verify = new VerifyImageStep("m:1", "1Gi");
        verify.setUnstableOn("oom");
        assertThat(verify.getUnstableOn()).isEqualTo("OOM");
        verify.setUnstableOn("");
        assertThat(verify.getUnstableOn()).isNull();
        ScanImageStep scan = new ScanImageStep("m:1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scan.setUnstableOn("OOM"))
                .hasMessageContaining("mlScanImage: unstableOn 'OOM'").hasMessageContaining("GATE_FAILED");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new DeployStep("p").setUnstableOn("ROLLED_BACK"))
                .hasMessageContaining("it has none");
    }

    @Test
    void everyViewEscapesByDefaultIsWellFormedAndRunsNoInlineScript() throws Exception {
        List<Path> views;
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            views = files.filter(f -> f.toString().endsWith(".jelly")
                    || f.getFileName().toString().startsWith("help") && f.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(views).hasSizeGreaterThan(40);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        for (Path view : views) {
            String text = Files.readString(view);
            if (view.toString().endsWith(".jelly")) {
                assertThat(text).as(view + " first line").startsWith("<?jelly escape-by-default='true'?>\n");
            }
            Document document = factory.newDocumentBuilder().parse(view.toFile());
            NodeList elements = document.getElementsByTagName("*");
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                if (element.getLocalName().equalsIgnoreCase("script")) {
                    assertThat(element.getAttribute("src")).as(view + ": <script> without src").isNotBlank();
                }
                NamedNodeMap attributes = element.getAttributes();
                for (int a = 0; a < attributes.getLength(); a++) {
                    String attribute = attributes.item(a).getLocalName() == null ? attributes.item(a).getNodeName() : attributes.item(a).getLocalName();
                    assertThat(attribute.toLowerCase(Locale.ROOT)).as(view + ": inline event handler on <" + element.getTagName() + ">")
                            .doesNotStartWith("on");
                }
            }
        }
    }

    /** The step's options by name, with their types: the @DataBoundConstructor's parameters and every @DataBoundSetter. */
    private static Map<String, Class<?>> options(Class<?> step) {
        Map<String, Class<?>> options = new LinkedHashMap<>();
        for (Constructor<?> constructor : step.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    assertThat(parameter.isNamePresent()).as("compiled with -parameters").isTrue();
                    options.put(parameter.getName(), parameter.getType());
                }
            }
        }
        for (Method method : step.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = method.getName().substring(3);
                options.put(Character.toLowerCase(name.charAt(0)) + name.substring(1), method.getParameterTypes()[0]);
            }
        }
        assertThat(options).as(step.getSimpleName() + " options").isNotEmpty();
        return options;
    }

    private static Path help(Class<?> step, String option) {
        for (Class<?> type = step; type != Object.class; type = type.getSuperclass()) {
            Path file = RESOURCES.resolve(type.getName().replace('.', '/')).resolve("help-" + option + ".html");
            if (Files.exists(file)) {
                return file;
            }
        }
        return null;
    }

    private static List<Class<?>> steps() throws IOException {
        List<Class<?>> steps = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace('/', '.');
                try {
                    Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()), false,
                            SnippetGeneratorResourcesTest.class.getClassLoader());
                    if (MlshipStep.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())) {
                        steps.add(type);
                    }
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(name, e);
                }
            }
        }
        return steps;
    }
}
