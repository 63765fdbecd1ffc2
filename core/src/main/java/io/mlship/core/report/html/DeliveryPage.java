package io.mlship.core.report.html;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.report.JsonReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes {@code report.html}: one self-contained page (no network, no server) that shows every mlship report in a
 * run folder: the page template, its CSS, the vendored Chart.js and the front end ({@code report.js}) inlined, and
 * each report's JSON embedded as text, so the page parses it in the browser and can say which one is malformed.
 * The Jenkins plugin serves the same front end on the build page, fetching the report files instead.
 */
public final class DeliveryPage {

    public static final String FILE_NAME = "report.html";
    /** The vendored Chart.js (resources vendor/, see its README.md). */
    public static final String CHART_JS_VERSION = "4.6.1";
    /** A report larger than this is not embedded (the page says so); real reports are kilobytes. */
    static final long MAX_REPORT_BYTES = 32L * 1024 * 1024;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private DeliveryPage() {
    }

    /**
     * Writes {@code folder/report.html} from the report files in the folder and its subfolders (one level: the
     * demo keeps each stage's reports in its own), found by their standard names. {@code expected}: the reports the
     * caller meant to write, path relative to the folder → kind ("verify", ...; see {@link #kindOf}), so a report under
     * another name is shown too, and one that is absent shows on the page as missing.
     */
    public static Path write(Path folder, String title, Map<String, String> expected, String writer) {
        Map<String, String> kinds = new java.util.TreeMap<>();
        for (String file : reportFiles(folder)) {
            kinds.put(file, kindOf(file.substring(file.lastIndexOf('/') + 1)).orElseThrow());
        }
        expected.forEach((file, kind) -> kinds.put(file.replace('\\', '/'), kind));
        List<Map<String, Object>> sources = new ArrayList<>();
        kinds.forEach((file, kind) -> sources.add(source(folder, file, kind)));
        Map<String, String> values = Map.of(
                "TITLE", escapeHtml(title),
                "WRITER", escapeHtml(writer),
                "CHART_VERSION", CHART_JS_VERSION,
                "CSS", resource("report.css"),
                "CHART_JS", resource("vendor/chart.umd.min.js"),
                "REPORT_JS", resource("report.js"),
                "REPORTS", embeddedJson(sources));
        Path page = folder.resolve(FILE_NAME);
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, ".report", ".html.tmp");
            Files.writeString(temporary, fill(resource("page.html"), values), StandardCharsets.UTF_8);
            Files.move(temporary, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MlshipException("cannot write the report page " + page + ": " + e.getMessage()
                    + "; check that the folder is writable and the disk not full", e);
        }
        return page;
    }

    /**
     * As {@link #write}, for the end of a command: the page is a view of the reports, so failing to write it is
     * said on the console and does not change the command's outcome.
     */
    public static Optional<Path> writeAfterRun(Path folder, String title, Map<String, String> expected, String writer, LogSink console) {
        try {
            Path page = write(folder, title, expected, writer);
            console.line("   report page: " + page);
            return Optional.of(page);
        } catch (RuntimeException e) {
            console.line("   report page not written: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The kind the front end renders a report file as, by its name; empty for files that are not mlship reports. */
    public static Optional<String> kindOf(String fileName) {
        return Optional.ofNullable(ReportKinds.BY_FILE_NAME.get(fileName));
    }

    /** Report files in the folder and its direct subfolders, relative, '/'-separated, sorted. */
    static List<String> reportFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 2)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> kindOf(p.getFileName().toString()).isPresent())
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new MlshipException("cannot list the reports in " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> source(Path folder, String file, String kind) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", kind);
        source.put("file", file);
        Path path = folder.resolve(file);
        try {
            if (!Files.exists(path)) {
                source.put("missing", true);
                source.put("why", "the run did not write it (see the run's console output or log files in this folder)");
                return source;
            }
            long size = Files.size(path);
            if (size > MAX_REPORT_BYTES) {
                source.put("missing", true);
                source.put("why", "it is " + size + " bytes, more than the page embeds (" + MAX_REPORT_BYTES + "); open the file itself");
            } else {
                // Embedded as text, not parsed here: a malformed report is named by the page, the others still render.
                source.put("text", Files.readString(path, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            source.put("missing", true);
            source.put("why", "unreadable: " + e.getMessage());
        }
        return source;
    }

    /** JSON that is safe inside a script element: no '<' at all, so no "</script>" or "<!--" can end it early. */
    static String embeddedJson(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            JsonReport.write(value, out);
        } catch (IOException e) {
            throw new MlshipException("cannot encode the reports for the page: " + e.getMessage(), e);
        }
        return out.toString(StandardCharsets.UTF_8).replace("<", "\\u003c");
    }

    static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** One pass over the template: inserted text (Chart.js, the reports) is never searched for placeholders again. */
    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 300_000);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("page.html has an unknown placeholder " + m.group());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A file of the front end, from this package's resources (the CSS, the scripts, the template). */
    public static String resource(String name) {
        try (InputStream in = DeliveryPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new MlshipException("the mlship jar lacks the report page resource " + name + "; rebuild it with mvn package");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MlshipException("cannot read the report page resource " + name + ": " + e.getMessage(), e);
        }
    }
}
