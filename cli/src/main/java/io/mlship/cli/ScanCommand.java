package io.mlship.cli;

import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanRequest;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import io.mlship.core.scan.service.ScanService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code mlship scan}. Its command line is built in code, not read from annotations: see {@link Main} for why.
 */
final class ScanCommand implements Callable<Integer> {

    private CommandSpec spec;

    /** The command line of {@code scan}, run by a new ScanCommand. */
    static CommandSpec spec() {
        ScanCommand command = new ScanCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name("scan").versionProvider(new MlshipVersion());
        command.spec = spec;
        spec.usageMessage().description(
                "Scan an image offline for known vulnerabilities, secrets and hygiene problems.",
                "Packages are found in dpkg, apk, Python and Java metadata and matched against an OSV database and the "
                        + "built-in Log4Shell advisories. Exit 0 when the gate passes (or none is set), 1 when it fails "
                        + "or when part of the image or of the advisory database could not be read.");
        StandardHelpOptions.addTo(spec);
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(option("--image", String.class, "Image on the Docker daemon, or a registry reference it can pull.")
                        .required(true).build())
                .addArg(option("--archive", Path.class, "docker save archive or OCI image layout tar.").required(true).build())
                .build());
        spec.addOption(option("--db", Path.class,
                "Folder of OSV advisories (e.g. ../shared/data/osv-pypi); Log4Shell is always built in.").build());
        spec.addOption(option("--format", List.class, "Report format: json, sarif, html; repeatable (default: json).")
                .auxiliaryTypes(String.class).splitRegex(",").paramLabel("<formats>").build());
        spec.addOption(option("--output", Path.class, "Report file; with several formats, its extension is replaced per "
                + "format (default: .mlship/reports/scan-<time>/scan-report.<format>).").build());
        spec.addOption(option("--fail-on", String.class,
                "Fail (exit 1) on a finding at this level or above: critical, high, medium.").paramLabel("<failOn>").build());
        spec.addOption(option("--allowlist", Path.class,
                "YAML/JSON file of allowed findings: id, reason, expires (YYYY-MM-DD).").build());
        spec.addOption(option("--size-budget", String.class, "Image size to warn above (default: ${DEFAULT-VALUE}).")
                .defaultValue("2Gi").paramLabel("<sizeBudget>").build());
        spec.addOption(option("--docker-host", String.class, "Docker daemon (default: DOCKER_HOST, then mlship's daemon).")
                .paramLabel("<dockerHost>").build());
        return spec;
    }

    private static OptionSpec.Builder option(String name, Class<?> type, String description) {
        return OptionSpec.builder(name).type(type).description(description).paramLabel("<" + name.substring(2) + ">");
    }

    /** The value given for an option, its default, or null. */
    private <T> T value(String option) {
        return spec.findOption(option).getValue();
    }

    @Override
    public Integer call() {
        String failOn = value("--fail-on");
        Severity threshold = failOn == null ? null : Severity.threshold(failOn);
        Map<ReportFormat, Path> reports = reportFiles();
        ScanRequest request = ScanRequest.builder().image(value("--image")).archive(value("--archive")).database(value("--db")).reports(reports).failOn(threshold)
                .allowlist(value("--allowlist")).sizeBudgetBytes(MemorySize.parse(value("--size-budget"), "--size-budget").bytes()).build();
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(value("--docker-host")), System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        ScanResult result;
        try {
            result = ScanService.run(endpoint, request, ConsoleSink.of(out));
        } finally {
            Path json = reports.get(ReportFormat.JSON);
            if (json != null) { // the page is made from the JSON report; a SARIF- or HTML-only scan has none
                ReportPage.beside(json, "scan", "scan", out);
            }
        }
        printSummary(result, out);
        return result.passed() ? 0 : 1;
    }

    private Map<ReportFormat, Path> reportFiles() {
        List<String> formats = value("--format");
        Path output = value("--output");
        if (formats == null) {
            formats = List.of();
        }
        List<ReportFormat> wanted = new ArrayList<>(new LinkedHashSet<>(formats.stream().map(ReportFormat::of).toList()));
        if (wanted.isEmpty()) {
            wanted.add(ReportFormat.JSON);
        }
        Path base = output != null ? output
                : RunFolders.timestamped(Path.of(".mlship", "reports"), "scan").resolve(ReportFiles.SCAN.json());
        Map<ReportFormat, Path> files = new EnumMap<>(ReportFormat.class);
        for (ReportFormat format : wanted) {
            files.put(format, wanted.size() == 1 && output != null ? output : withExtension(base, format.extension()));
        }
        if (files.values().stream().distinct().count() < files.size()) {
            throw new MlshipException("--output " + output + " would be used for several formats; give it an extension");
        }
        return files;
    }

    private static Path withExtension(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + "." + extension);
    }

    private static void printSummary(ScanResult r, PrintWriter out) {
        Map<String, Integer> ecosystems = new TreeMap<>();
        r.packages().forEach(p -> ecosystems.merge(p.ecosystem(), 1, Integer::sum));
        Map<Severity, Integer> severities = new EnumMap<>(Severity.class);
        r.vulnerabilities().forEach(v -> severities.merge(v.severity(), 1, Integer::sum));
        out.println("== scan of " + r.image() + " (" + r.layers().size() + " layers, " + r.durationMillis() + " ms)");
        out.println("packages: " + r.packages().size() + " " + ecosystems);
        out.println("vulnerabilities: " + r.vulnerabilities().size() + " " + severities.entrySet().stream()
                .map(e -> e.getKey().label() + "=" + e.getValue()).toList());
        for (VulnerabilityFinding v : r.vulnerabilities()) {
            if (v.severity() == Severity.CRITICAL || v.possibly()) {
                out.println("  " + v.severity().label() + " " + v.id() + " " + v.pkg().name() + " " + v.pkg().version()
                        + (v.fixedVersion() == null ? "" : " (fixed in " + v.fixedVersion() + ")") + " at " + v.pkg().path());
            }
        }
        out.println("secrets: " + r.secrets().size());
        r.secrets().forEach(s -> out.println("  " + s.description() + " at " + s.path() + ":" + s.line() + " (layer " + s.layer()
                + (s.removedLater() ? ", deleted later but still in the layer" : "") + ")"));
        out.println("hygiene: " + r.hygiene().size());
        r.hygiene().forEach(h -> out.println("  " + h.message()));
        if (!r.skipped().isEmpty()) {
            out.println("not scanned: " + r.skipped().size());
            r.skipped().stream().limit(10).forEach(s -> out.println("  " + s));
        }
        r.reports().forEach((format, file) -> out.println("report (" + format.extension() + "): " + file.toAbsolutePath()));
        if (r.gate().incomplete()) {
            out.println("== scan: FAILED: incomplete, " + r.gate().notScanned().size() + " parts of the image or the "
                    + "advisory database could not be read, so no gate can pass:");
            r.gate().notScanned().forEach(f -> out.println("  not scanned: " + f));
            r.gate().failing().forEach(f -> out.println("  " + f));
        } else if (r.gate().threshold() == null) {
            out.println("== scan: no gate (pass --fail-on critical|high|medium to enforce one)");
        } else if (r.passed()) {
            out.println("== scan: PASSED the gate (fail on " + r.gate().threshold() + ")");
        } else {
            out.println("== scan: FAILED the gate (fail on " + r.gate().threshold() + "): " + r.gate().failing().size() + " findings");
            r.gate().failing().forEach(f -> out.println("  " + f));
        }
        r.gate().allowed().forEach(a -> out.println("  allowed: " + a));
        r.gate().expired().forEach(e -> out.println("  allowlist entry no longer allows: " + e));
    }
}
