package io.mlship.core.scan;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one scan found.
 *
 * @param packages     packages visible in the final image (deleted ones are not listed)
 * @param secrets      every secret in every layer, including files a later layer deletes (still in the blob)
 * @param skipped      what could not be scanned and why (corrupt layer, unknown media type, oversized file)
 * @param imageBytes   total size of the files of all layers
 * @param archiveBytes bytes of the image archive read
 */
public record ScanResult(String image, String database, List<LayerSummary> layers, List<InstalledPackage> packages,
                         List<VulnerabilityFinding> vulnerabilities, List<SecretFinding> secrets,
                         List<HygieneFinding> hygiene, List<LargeFile> largestFiles, List<String> skipped,
                         GateVerdict gate, Map<ReportFormat, Path> reports, long imageBytes, long archiveBytes,
                         long durationMillis) {

    public ScanResult {
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        vulnerabilities = List.copyOf(vulnerabilities);
        secrets = List.copyOf(secrets);
        hygiene = List.copyOf(hygiene);
        largestFiles = List.copyOf(largestFiles);
        skipped = List.copyOf(skipped);
        reports = Map.copyOf(reports);
    }

    public boolean passed() {
        return gate.passed();
    }
}
