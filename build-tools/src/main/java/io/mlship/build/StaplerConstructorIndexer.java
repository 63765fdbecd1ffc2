package io.mlship.build;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the {@code .stapler} resource Stapler reads to learn the parameter names of a
 * {@code @DataBoundConstructor}: for class {@code a.b.C$D} the resource {@code a/b/C/D.stapler},
 * a properties file whose key {@code constructor} lists the names, comma separated.
 *
 * <p>Stapler ships its own processor for this, but Stapler 1.2xx+ cannot be downloaded here, so
 * the plugin build runs this one instead. The file format is Stapler's documented contract; the
 * plugin's tests check that every data-bound class in the built .hpi has its file.
 */
@SupportedAnnotationTypes(StaplerConstructorIndexer.DATA_BOUND_CONSTRUCTOR)
public final class StaplerConstructorIndexer extends AbstractProcessor {

    static final String DATA_BOUND_CONSTRUCTOR = "org.kohsuke.stapler.DataBoundConstructor";

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        for (TypeElement annotation : annotations) {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                if (element.getKind() == ElementKind.CONSTRUCTOR) {
                    write((ExecutableElement) element);
                }
            }
        }
        return false;
    }

    /** Java identifiers may hold any letter; a properties file is ISO-8859-1, so the rest become \\uXXXX. */
    static String propertiesEscaped(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private void write(ExecutableElement constructor) {
        TypeElement type = (TypeElement) constructor.getEnclosingElement();
        if (type.getModifiers().contains(Modifier.ABSTRACT)) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "@DataBoundConstructor may not be used on an abstract class", constructor);
            return;
        }
        String names = constructor.getParameters().stream()
                .map(p -> p.getSimpleName().toString())
                .collect(Collectors.joining(","));
        // getQualifiedName() of a nested type uses '.', which becomes '/', exactly as Stapler
        // turns the binary name's '$' into '/' when it looks the resource up.
        String resource = type.getQualifiedName().toString().replace('.', '/') + ".stapler";
        try {
            FileObject file = processingEnv.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", resource, type);
            try (OutputStream out = file.openOutputStream()) {
                out.write(("constructor=" + propertiesEscaped(names) + "\n").getBytes(StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + resource + ": " + e.getMessage(), constructor);
        }
    }
}
