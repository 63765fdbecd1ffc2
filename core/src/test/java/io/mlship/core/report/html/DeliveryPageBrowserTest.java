package io.mlship.core.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import io.mlship.core.common.ImageReference;
import io.mlship.core.common.MemorySize;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ModelBuildRequest;
import io.mlship.core.log.LogSink;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanRequest;
import io.mlship.core.scan.service.ScanService;
import io.mlship.core.verify.SampleFile;
import io.mlship.core.verify.VerifyRequest;
import io.mlship.core.verify.VerifyService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delivery report page (report.html) in real headless Chromium: Debian's /usr/bin/chromium driven by
 * playwright-core from npm (core/src/test/browser). The reports it shows are real where mlship can make them in a
 * test: an image build of the busybox test model, a verify of it under a memory limit (its memory series from Docker
 * stats), a scan of an image with a vulnerable Pillow against the PyPA advisory snapshot. The deploy report was
 * captured from a real demo run and the shadow report follows ShadowReport's shape (see
 * src/test/resources/report-html/README.md). Screenshots: target/report-screenshots/.
 */
class DeliveryPageBrowserTest {

    static final Path BROWSER_TOOLS = Path.of("src", "test", "browser").toAbsolutePath();
    static final Path FIXTURES = Path.of("src", "test", "resources", "report-html").toAbsolutePath();
    static final Path MODEL_PROJECT = Path.of("src", "test", "resources", "busybox-model").toAbsolutePath();
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String MODEL_IMAGE = "mlship-test/report-model:" + SUFFIX;
    static final String SCAN_IMAGE = "mlship-test/report-scan:" + SUFFIX;
    static final double MIB = 1024 * 1024;
    static final ObjectMapper JSON = new ObjectMapper();

    static Path work;
    static Path delivery;
    static Path badInput;
    static Map<String, JsonNode> pages = new LinkedHashMap<>();

    @BeforeAll
    static void renderPages() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("MLSHIP_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is not installed at " + chromium + ": the report page's browser test needs Debian's chromium. "
                    + "Fix: scripts/services start (installs it), or apt-get install chromium, or set MLSHIP_CHROMIUM");
        }
        long started = System.nanoTime();
        Path tools = npmTools();
        long installed = System.nanoTime();
        work = Files.createDirectories(TARGET.resolve("report-html-test"));
        delivery = realDeliveryRun(work.resolve("delivery-" + SUFFIX));
        badInput = badInputRun(work.resolve("bad-input-" + SUFFIX));
        long written = System.nanoTime();

        Path screenshots = Files.createDirectories(TARGET.resolve("report-screenshots"));
        server = servedLikeJenkins(delivery);
        Map<String, String> urls = new LinkedHashMap<>();
        urls.put("delivery", delivery.resolve(DeliveryPage.FILE_NAME).toUri().toString());
        urls.put("bad-input", badInput.resolve(DeliveryPage.FILE_NAME).toUri().toString());
        urls.put("jenkins", "http://127.0.0.1:" + server.getAddress().getPort() + JENKINS_PAGE);
        List<Map<String, String>> list = new ArrayList<>();
        urls.forEach((name, url) -> list.add(Map.of("name", name, "url", url, "screenshot", screenshots.resolve(name + ".png").toString())));
        Path config = work.resolve("pages-" + SUFFIX + ".json");
        Path result = work.resolve("rendered-" + SUFFIX + ".json");
        JSON.writeValue(config.toFile(), Map.of("chromium", chromium.toString(), "pages", list));
        run(List.of("node", tools.resolve("check-pages.mjs").toString(), config.toString(), result.toString()), tools, 120);
        for (JsonNode page : JSON.readTree(result.toFile()).get("results")) {
            pages.put(page.get("name").asText(), page);
        }
        // Where this test's time goes (Docker under load dominates), for docs/benchmarks.md, not asserted.
        System.out.printf("DeliveryPageBrowserTest: npm %.1f s, real reports (build, verify, scan) %.1f s, chromium %.1f s%n",
                (installed - started) / 1e9, (written - installed) / 1e9, (System.nanoTime() - written) / 1e9);
    }

    /** playwright-core from the committed package-lock.json, installed under target/ (npm ci), never from the browser's CDN. */
    static Path npmTools() throws Exception {
        Path tools = Files.createDirectories(TARGET.resolve("browser-tools"));
        Path lock = BROWSER_TOOLS.resolve("package-lock.json");
        boolean current = Files.exists(tools.resolve("node_modules/playwright-core/package.json"))
                && Files.exists(tools.resolve("package-lock.json"))
                && Files.mismatch(lock, tools.resolve("package-lock.json")) == -1;
        for (String file : List.of("package.json", "package-lock.json", "check-pages.mjs")) {
            Files.copy(BROWSER_TOOLS.resolve(file), tools.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!current) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), tools, 300);
        }
        return tools;
    }

    static void run(List<String> command, Path dir, int seconds) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " cannot be started (" + e.getMessage() + "): the browser test needs Node.js 20+ "
                    + "and npm on the PATH", e);
        }
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within " + seconds + " s");
        }
        if (process.exitValue() != 0) {
            fail(String.join(" ", command) + " in " + dir + " exited " + process.exitValue() + ":\n" + new String(output, StandardCharsets.UTF_8));
        }
    }

    /** A run folder as the demo lays one out: each stage's reports in its own subfolder, written by the real services. */
    static Path realDeliveryRun(Path run) throws Exception {
        DockerEndpoint endpoint = DockerEndpoint.fromEnvironment();
        try {
            ImageBuildService.run(endpoint, ModelBuildRequest.of(MODEL_PROJECT, MODEL_IMAGE, run.resolve("build")),
                    ReportFiles.BUILD.in(run.resolve("build")), LogSink.discarding());
            VerifyRequest verify = VerifyRequest.builder(new ImageReference(MODEL_IMAGE), MemorySize.parse("128m"), run.resolve("verify"))
                    .modelName("iris").samples(SampleFile.read(MODEL_PROJECT.resolve("samples.json")))
                    .environment(Map.of("MODEL_RESIDENT_MB", "40")).build();
            VerifyService.run(endpoint, verify, ReportFiles.VERIFY.in(run.resolve("verify")), LogSink.discarding());
            scan(endpoint, run.resolve("scan"));
            diagnose(run.resolve("diagnose"));
        } finally {
            removeImages();
        }
        Files.createDirectories(run.resolve("deploy"));
        Files.copy(FIXTURES.resolve("deploy-report.json"), run.resolve("deploy/deploy-report.json"));
        Files.createDirectories(run.resolve("shadow"));
        Files.copy(FIXTURES.resolve("shadow-report.json"), run.resolve("shadow/shadow-report.json"));
        DeliveryPage.write(run, "browser test delivery", Map.of(), "test");
        return run;
    }

    /** An image with Pillow 8.0.0's metadata, scanned against the real PyPA advisory snapshot: several severities. */
    static void scan(DockerEndpoint endpoint, Path folder) throws Exception {
        Path context = Files.createDirectories(work.resolve("scan-context-" + SUFFIX));
        Path dist = Files.createDirectories(context.resolve("rootfs/usr/lib/python3/site-packages/Pillow-8.0.0.dist-info"));
        Files.writeString(dist.resolve("METADATA"), "Metadata-Version: 2.1\nName: Pillow\nVersion: 8.0.0\n\n");
        Files.writeString(dist.resolve("RECORD"), "pillow/__init__.py,,\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM mlship/base:busybox\nCOPY rootfs/ /\n");
        ImageBuildService.run(endpoint, ModelBuildRequest.of(context, SCAN_IMAGE, work.resolve("scan-build-" + SUFFIX)),
                work.resolve("scan-build-" + SUFFIX).resolve("build-report.json"), LogSink.discarding());
        ScanService.run(endpoint, ScanRequest.forImage(SCAN_IMAGE).database(osvPypi())
                .reports(Map.of(ReportFormat.JSON, ReportFiles.SCAN.in(folder))).build(), LogSink.discarding());
    }

    /** A container the kernel OOM-kills under 32 MiB (as DiagnoseCommandTest's), diagnosed: diagnosis.json with its recommendation. */
    static void diagnose(Path folder) throws Exception {
        String name = "mlship-report-diag-" + SUFFIX;
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            docker.createContainerCmd("mlship/base:busybox").withName(name)
                    .withHostConfig(com.github.dockerjava.api.model.HostConfig.newHostConfig().withMemory(32L << 20).withMemorySwap(32L << 20))
                    .withCmd("sh", "-c", "dd if=/dev/zero of=/dev/null bs=48M count=1").exec();
            try {
                docker.startContainerCmd(name).exec();
                docker.waitContainerCmd(name).exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.WaitResponse>())
                        .awaitCompletion(60, TimeUnit.SECONDS);
                DiagnoseService.onDocker(docker).run(DiagnoseRequest.builder().target(DiagnoseTarget.parse("docker", "--target")).name(name)
                        .report(folder.resolve("diagnosis.json")).build(), LogSink.discarding());
            } finally {
                docker.removeContainerCmd(name).withForce(true).exec();
            }
        }
    }

    static Path osvPypi() {
        Path root = TARGET.getParent().getParent(); // core/target -> the project root
        return root.resolve("../shared/data/osv-pypi").normalize();
    }

    static void removeImages() {
        try (DockerClient docker = DockerConnector.connect(DockerEndpoint.fromEnvironment())) {
            for (String image : List.of(MODEL_IMAGE, SCAN_IMAGE)) {
                try {
                    docker.removeImageCmd(image).withForce(true).exec();
                } catch (RuntimeException e) {
                    // not built (an earlier step failed): nothing to remove
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot close the Docker client: " + e.getMessage(), e);
        }
    }

    /** A malformed verify report (a real one cut short), a deploy report that was expected but never written, a good scan. */
    static Path badInputRun(Path run) throws IOException {
        String verify = Files.readString(ReportFiles.VERIFY.in(delivery.resolve("verify")));
        Files.createDirectories(run.resolve("verify"));
        Files.writeString(run.resolve("verify/verify-report.json"), verify.substring(0, verify.length() / 2));
        Files.createDirectories(run.resolve("scan"));
        Files.copy(ReportFiles.SCAN.in(delivery.resolve("scan")), ReportFiles.SCAN.in(run.resolve("scan")));
        DeliveryPage.write(run, "browser test bad input", Map.of("deploy/deploy-report.json", "deploy"), "test");
        return run;
    }

    /** Where the served page is, as Jenkins puts a build action's page (job/NAME/NUMBER/mlship-report/). */
    static final String JENKINS_PAGE = "/job/demo/7/mlship-report/";
    static final String STATIC = "/plugin/mlship/report/";
    static com.sun.net.httpserver.HttpServer server;

    /**
     * The Jenkins build page's way: the page carries only the list of reports (data-sources, hrefs relative to
     * data-base, as DeliveryReportAction/index.jelly writes it) and loads the front end as static files; report.js
     * fetches each report. Served here by the JDK's HTTP server, not Jenkins: what is tested is the front end's
     * fetch path, a 404 included. The front end is served from the same resources the CLI's page inlines.
     */
    static com.sun.net.httpserver.HttpServer servedLikeJenkins(Path reports) throws IOException {
        Path frontEnd = TARGET.resolve("classes/io/mlship/core/report/html");
        String sources = DeliveryPage.embeddedJson(List.of(
                Map.of("kind", "verify", "file", "verify/verify-report.json", "href", "files/verify/verify-report.json"),
                Map.of("kind", "shadow", "file", "shadow/shadow-report.json", "href", "files/shadow/shadow-report.json"),
                Map.of("kind", "deploy", "file", "deploy-9-ab12cd34/deploy-report.json", "href", "files/deploy-9-ab12cd34/deploy-report.json")));
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"" + STATIC + "report.css\"></head><body>"
                + "<div id=\"mlship-report\" data-sources=\"" + DeliveryPage.escapeHtml(sources) + "\" data-base=\"" + JENKINS_PAGE + "\">"
                + "<h1>mlship report</h1></div><script src=\"" + STATIC + "vendor/chart.umd.min.js\"></script>"
                + "<script src=\"" + STATIC + "report.js\"></script></body></html>";
        com.sun.net.httpserver.HttpServer http = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = null;
            String type = "application/json";
            if (path.equals(JENKINS_PAGE)) {
                body = page.getBytes(StandardCharsets.UTF_8);
                type = "text/html; charset=utf-8";
            } else if (path.startsWith(STATIC) && !path.contains("..")) {
                Path file = frontEnd.resolve(path.substring(STATIC.length()));
                body = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
                type = path.endsWith(".css") ? "text/css" : "text/javascript";
            } else if (path.startsWith(JENKINS_PAGE + "files/") && !path.contains("..")) {
                Path file = reports.resolve(path.substring((JENKINS_PAGE + "files/").length()));
                body = Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        http.start();
        return http;
    }

    @AfterAll
    static void cleanUp() {
        if (server != null) {
            server.stop(0);
        }
        removeImages();
    }

    static JsonNode chart(String page, String name) {
        for (JsonNode chart : pages.get(page).get("charts")) {
            if (chart.get("name").asText().equals(name)) {
                return chart;
            }
        }
        throw new AssertionError("page " + page + " has no chart " + name + "; it has " + pages.get(page).get("charts").findValuesAsText("name"));
    }

    static JsonNode report(Path run, String file) throws IOException {
        return JSON.readTree(run.resolve(file).toFile());
    }

    @Test
    void theDeliveryPageRendersEveryReportWithoutAnError() {
        JsonNode page = pages.get("delivery");
        assertThat(page.get("errors")).as("errors thrown in the page").isEmpty();
        assertThat(JSON.convertValue(page.get("sections"), List.class)).containsExactly("build", "verify", "scan", "deploy", "shadow", "diagnosis");
        assertThat(page.get("text").asText()).contains(MODEL_IMAGE, "io.mlship.model.name", "ROLLED_BACK", "iris-v2-shadow",
                "resources.limits.memory 160Mi", "OOM_KILLED");
        for (JsonNode chart : page.get("charts")) {
            assertThat(chart.get("painted").asInt()).as("painted pixels of chart " + chart.get("name")).isGreaterThan(2000);
        }
    }

    @Test
    void theVerifyChartIsTheRealMemorySeriesAgainstTheLimit() throws IOException {
        JsonNode memory = report(delivery, "verify/verify-report.json").get("memory");
        JsonNode series = memory.get("series");
        assertThat(series.size()).as("Docker stats samples in the real verify").isGreaterThanOrEqualTo(2);
        JsonNode chart = chart("delivery", "verify-memory");
        JsonNode usage = chart.get("datasets").get(0).get("data");
        assertThat(usage.size()).isEqualTo(series.size());
        for (int i = 0; i < series.size(); i++) {
            assertThat(usage.get(i).get("x").asDouble()).isEqualTo(series.get(i).get("atMillis").asLong() / 1000.0);
            assertThat(usage.get(i).get("y").asDouble()).isEqualTo(series.get(i).get("bytes").asLong() / MIB);
        }
        JsonNode limit = chart.get("datasets").get(1);
        assertThat(limit.get("label").asText()).isEqualTo("limit 128.0 MiB");
        assertThat(limit.get("data").findValues("y")).allSatisfy(y -> assertThat(y.asDouble()).isEqualTo(128.0));
    }

    @Test
    void theScanChartCountsTheRealFindingsBySeverity() throws IOException {
        JsonNode bySeverity = report(delivery, "scan/scan-report.json").get("summary").get("vulnerabilitiesBySeverity");
        JsonNode chart = chart("delivery", "scan-severity");
        List<String> levels = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        bySeverity.fields().forEachRemaining(e -> {
            levels.add(e.getKey());
            counts.add(e.getValue().asInt());
        });
        assertThat(counts.stream().mapToInt(Integer::intValue).sum()).as("findings for Pillow 8.0.0").isGreaterThan(0);
        assertThat(JSON.convertValue(chart.get("labels"), List.class)).isEqualTo(levels);
        assertThat(JSON.convertValue(chart.get("datasets").get(0).get("data"), List.class)).isEqualTo(counts);
    }

    @Test
    void theShadowChartsAreTheDecisionRowsWithTheirThresholds() throws IOException {
        JsonNode decisions = report(delivery, "shadow/shadow-report.json").get("decisions");
        for (String[] spec : new String[][] {{"agreement", "shadow-agreement", "0.95"}, {"latencyP99Ratio", "shadow-latency", "1.5"},
                {"candidateErrorRate", "shadow-errors", "0.01"}}) {
            List<JsonNode> rows = new ArrayList<>();
            decisions.forEach(d -> {
                if (d.get("metric").asText().equals(spec[0])) {
                    rows.add(d);
                }
            });
            JsonNode chart = chart("delivery", spec[1]);
            JsonNode points = chart.get("datasets").get(0).get("data");
            assertThat(points.size()).as(spec[0]).isEqualTo(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(points.get(i).get("x").asDouble()).isEqualTo(rows.get(i).get("secondsIn").asDouble());
                JsonNode value = rows.get(i).get("value");
                if (value.isNull()) { // no data yet: a gap in the line, not a zero
                    assertThat(points.get(i).get("y").isNull()).as(spec[0] + " at " + i).isTrue();
                } else {
                    assertThat(points.get(i).get("y").asDouble()).isEqualTo(value.asDouble());
                }
            }
            assertThat(chart.get("datasets").get(1).get("data").findValues("y"))
                    .allSatisfy(y -> assertThat(y.asDouble()).isEqualTo(Double.parseDouble(spec[2])));
        }
    }

    @Test
    void theJenkinsPageFetchesTheReportsAndNamesTheOneThatIsNotThere() throws IOException {
        JsonNode page = pages.get("jenkins");
        assertThat(page.get("errors")).as("errors in the page (a 404 fetch is logged by Chromium, nothing else)")
                .allSatisfy(e -> assertThat(e.asText()).contains("404"));
        JsonNode series = report(delivery, "verify/verify-report.json").get("memory").get("series");
        JsonNode usage = chart("jenkins", "verify-memory").get("datasets").get(0).get("data");
        assertThat(usage.size()).isEqualTo(series.size());
        assertThat(usage.get(0).get("y").asDouble()).isEqualTo(series.get(0).get("bytes").asLong() / MIB);
        assertThat(chart("jenkins", "shadow-agreement").get("painted").asInt()).isGreaterThan(2000);
        assertThat(page.get("problems").findValuesAsText("message")).containsExactly(
                "deploy-9-ab12cd34/deploy-report.json: missing - not found at " + JENKINS_PAGE + "files/deploy-9-ab12cd34/deploy-report.json.");
        assertThat(page.get("text").asText()).contains("verify/verify-report.json");
    }

    @Test
    void theDiagnosisShowsItsVerdictRecommendationAndEvidence() throws IOException {
        JsonNode diagnosis = report(delivery, "diagnose/diagnosis.json");
        assertThat(diagnosis.get("verdict").asText()).isEqualTo("OOM_KILLED");
        String limit = diagnosis.get("recommendation").get("limits").get("memory").asText();
        assertThat(pages.get("delivery").get("text").asText()).contains("Recommendation: requests.memory " + limit + ", limits.memory " + limit,
                "State.OOMKilled");
        assertThat(pages.get("delivery").get("problems")).as("no report of the real run is missing or malformed").isEmpty();
    }

    @Test
    void aMalformedAndAMissingReportAreNamedAndTheRestRenders() {
        JsonNode page = pages.get("bad-input");
        assertThat(page.get("errors")).as("errors thrown in the page").isEmpty();
        List<String> problems = page.get("problems").findValuesAsText("message");
        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).startsWith("verify/verify-report.json: malformed JSON (");
        assertThat(problems.get(1)).startsWith("deploy/deploy-report.json: missing");
        assertThat(page.get("text").asText()).contains("Report not shown. verify/verify-report.json: malformed JSON");
        assertThat(chart("bad-input", "scan-severity").get("painted").asInt()).isGreaterThan(2000);
    }
}
