package io.mlship.plugin;

import hudson.FilePath;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Item;
import hudson.model.Run;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jenkins.model.RunAction2;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.verb.GET;

/**
 * The build's delivery report: one page ({@code index.jelly}) showing every mlship result of the build, drawn by the
 * same front end as the CLI's report.html (core's report.js and the vendored Chart.js, served from the plugin's
 * static files), which fetches the reports through {@link #doFiles()}: the build's {@code mlship/} folder, where each
 * step's results are kept, served by Jenkins' DirectoryBrowserSupport (links under this page, never server paths).
 * A step that wrote no report is remembered here, so the page says which report is missing.
 */
public final class DeliveryReportAction implements RunAction2 {

    static final String URL_NAME = "mlship-report";
    /** The report files the page knows, by name, and the kind of section each is shown as (report.js). */
    static final Map<String, String> KINDS = Map.of(
            "build-report.json", "build",
            "verify-report.json", "verify",
            "scan-report.json", "scan",
            "deploy-report.json", "deploy",
            "shadow-report.json", "shadow",
            "diagnosis.json", "diagnosis");

    /** Reports the steps were to write, "folder/file" → kind; saved with the build. */
    private final Map<String, String> expected = new TreeMap<>();
    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    static synchronized DeliveryReportAction of(Run<?, ?> run) {
        DeliveryReportAction action = run.getAction(DeliveryReportAction.class);
        if (action == null) {
            action = new DeliveryReportAction();
            run.addAction(action);
        }
        return action;
    }

    /** A step's report, relative to the build's mlship folder (e.g. {@code verify-12-ab12cd34/verify-report.json}). */
    synchronized void expect(String file, String kind) {
        expected.put(file, kind);
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "mlship report";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    /**
     * The build's kept mlship results (reports, logs), browsable and linkable under this page. Reading them needs
     * Job/Read on the build (checked again here, not only by the URL's way through the job).
     */
    @GET
    public HttpResponse doFiles() {
        return files(run != null && run.hasPermission(Item.READ),
                () -> new DirectoryBrowserSupport(this, new FilePath(folder().toFile()), "mlship results", "clipboard.png", false),
                () -> HttpResponses.errorWithoutStack(403, "Job/Read is needed to read this build's mlship results"));
    }

    /** The permission decides first; nothing is listed or read for a user without it. */
    static HttpResponse files(boolean mayRead, Supplier<HttpResponse> browse, Supplier<HttpResponse> forbidden) {
        return mayRead ? browse.get() : forbidden.get();
    }

    Path folder() {
        return run.getRootDir().toPath().resolve("mlship");
    }

    /**
     * The page's list of reports as JSON, for report.js: each found or expected report with its kind and its link
     * ({@code files/...}, relative to this page); an expected one that is absent is marked missing.
     */
    public String getSourcesJson() {
        return sourcesJson(folder(), snapshot());
    }

    private synchronized Map<String, String> snapshot() {
        return new TreeMap<>(expected);
    }

    static String sourcesJson(Path folder, Map<String, String> expected) {
        Map<String, String> kinds = new TreeMap<>(expected);
        found(folder).forEach(file -> kinds.put(file, KINDS.get(file.substring(file.lastIndexOf('/') + 1))));
        List<String> items = new ArrayList<>();
        kinds.forEach((file, kind) -> {
            boolean present = Files.isRegularFile(folder.resolve(file));
            items.add("{\"kind\":" + quote(kind) + ",\"file\":" + quote(file) + ",\"href\":" + quote("files/" + file)
                    + (present ? "" : ",\"missing\":true,\"why\":\"the step ran but did not write it (see the step's log)\"") + "}");
        });
        return "[" + String.join(",", items) + "]";
    }

    /** Report files in the folder's step folders, relative, '/'-separated. */
    static List<String> found(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder, 2)) {
            return files.filter(Files::isRegularFile).filter(p -> KINDS.containsKey(p.getFileName().toString()))
                    .map(p -> folder.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the mlship results in " + folder, e);
        }
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
