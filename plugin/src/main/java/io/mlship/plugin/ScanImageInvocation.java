package io.mlship.plugin;

import io.mlship.core.common.MemorySize;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.PrintStreamLogSink;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.scan.ReportFormat;
import io.mlship.core.scan.ScanRequest;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.service.ScanService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The plain-Java half of {@code mlScanImage}: step fields + workspace + build folder → a core scan with all three reports. */
record ScanImageInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {

    ScanResult scan(ScanImageStep step, PrintStream log) {
        Path reportDirectory = StepFolders.next(buildDirectory, "scan");
        Map<ReportFormat, Path> reports = new EnumMap<>(ReportFormat.class);
        for (ReportFormat format : ReportFormat.values()) {
            reports.put(format, reportDirectory.resolve(ReportFiles.SCAN.withExtension(format.extension())));
        }
        ScanRequest request = (step.getArchive() == null ? ScanRequest.forImage(step.getImage())
                : ScanRequest.forArchive(workspace.resolve(step.getArchive())))
                .database(step.getDb() == null ? null : workspace.resolve(step.getDb()))
                .reports(reports)
                .failOn(step.getFailOn() == null ? null : Severity.threshold(step.getFailOn()))
                .allowlist(step.getAllowlist() == null ? null : workspace.resolve(step.getAllowlist()))
                .sizeBudgetBytes(step.getSizeBudget() == null ? ScanRequest.DEFAULT_SIZE_BUDGET : MemorySize.parse(step.getSizeBudget()).bytes())
                .build();
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(step.getDockerHost()), environment);
        return ScanService.run(endpoint, request, new PrintStreamLogSink(log));
    }
}
