package io.mlship.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every view is well-formed XML with escape-by-default on, carries no inline script, on* handler or javascript:
 * URL (so it works under Jenkins' Content-Security-Policy), and every form posts with a crumb field.
 */
class JellyViewsTest {

    @Test
    void everyJellyViewIsWellFormedEscapedAndFreeOfInlineScript() throws Exception {
        List<Path> views = views();
        assertThat(views).extracting(p -> p.getFileName().toString()).contains("jobMain.jelly", "summary.jelly");
        List<String> problems = new ArrayList<>();
        for (Path view : views) {
            String text = Files.readString(view);
            if (!text.stripLeading().matches("(?s)(<\\?xml[^>]*\\?>\\s*)?<\\?jelly escape-by-default='true'\\?>.*")) {
                problems.add(view + ": does not start with <?jelly escape-by-default='true'?>");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(view.toFile());
            check(view, doc.getDocumentElement(), problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void check(Path view, Element e, List<String> problems) {
        String name = e.getLocalName();
        boolean html = e.getNamespaceURI() == null; // plain HTML; taglib tags (f:form, st:adjunct) have a namespace
        if (html && "script".equalsIgnoreCase(name) && (e.getAttribute("src").isEmpty() || !e.getTextContent().isBlank())) {
            problems.add(view + ": inline <script>");
        }
        NamedNodeMap attributes = e.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node a = attributes.item(i);
            String attribute = a.getLocalName() == null ? a.getNodeName() : a.getLocalName();
            if (attribute.toLowerCase(java.util.Locale.ROOT).startsWith("on")) {
                problems.add(view + ": " + attribute + " handler on <" + name + ">");
            }
            if (a.getNodeValue().trim().toLowerCase(java.util.Locale.ROOT).startsWith("javascript:")) {
                problems.add(view + ": javascript: URL in " + attribute);
            }
        }
        if (html && "form".equalsIgnoreCase(name)) {
            if (!"post".equalsIgnoreCase(e.getAttribute("method"))) {
                problems.add(view + ": a form that does not POST");
            }
            if (!hasCrumbField(e)) {
                problems.add(view + ": a form without the crumb field");
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                check(view, child, problems);
            }
        }
    }

    private static boolean hasCrumbField(Element form) {
        NodeList inputs = form.getElementsByTagName("input");
        for (int i = 0; i < inputs.getLength(); i++) {
            Element input = (Element) inputs.item(i);
            if (input.getAttribute("name").contains("getCrumbRequestField()")) {
                return true;
            }
        }
        return false;
    }

    private static List<Path> views() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            return files.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }
}
