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

    /** A builder for what a scan of {@code image} found: every list empty, no gate, sizes and time zero until set. */
    public static Builder builder(String image, String database) {
        return new Builder(image, database);
    }

    /** A builder holding this result's values, for "the same, except". */
    public Builder toBuilder() {
        return builder(image, database).layers(layers).packages(packages).vulnerabilities(vulnerabilities).secrets(secrets)
                .hygiene(hygiene).largestFiles(largestFiles).skipped(skipped).gate(gate).reports(reports)
                .sizes(imageBytes, archiveBytes).durationMillis(durationMillis);
    }

    /** Builds a {@link ScanResult}; what is not set is empty (no findings, no gate), never null. */
    public static final class Builder {
        private final String image;
        private final String database;
        private List<LayerSummary> layers = List.of();
        private List<InstalledPackage> packages = List.of();
        private List<VulnerabilityFinding> vulnerabilities = List.of();
        private List<SecretFinding> secrets = List.of();
        private List<HygieneFinding> hygiene = List.of();
        private List<LargeFile> largestFiles = List.of();
        private List<String> skipped = List.of();
        private GateVerdict gate = GateVerdict.none();
        private Map<ReportFormat, Path> reports = Map.of();
        private long imageBytes;
        private long archiveBytes;
        private long durationMillis;

        private Builder(String image, String database) {
            this.image = image;
            this.database = database;
        }

        public Builder layers(List<LayerSummary> value) { layers = value; return this; }
        public Builder packages(List<InstalledPackage> value) { packages = value; return this; }
        public Builder vulnerabilities(List<VulnerabilityFinding> value) { vulnerabilities = value; return this; }
        public Builder secrets(List<SecretFinding> value) { secrets = value; return this; }
        public Builder hygiene(List<HygieneFinding> value) { hygiene = value; return this; }
        public Builder largestFiles(List<LargeFile> value) { largestFiles = value; return this; }
        public Builder skipped(List<String> value) { skipped = value; return this; }
        public Builder gate(GateVerdict value) { gate = value; return this; }
        public Builder reports(Map<ReportFormat, Path> value) { reports = value; return this; }

        /** @param image total size of the files of all layers; @param archive bytes of the image archive read */
        public Builder sizes(long image, long archive) {
            imageBytes = image;
            archiveBytes = archive;
            return this;
        }

        public Builder durationMillis(long value) { durationMillis = value; return this; }

        public ScanResult build() {
            return new ScanResult(image, database, layers, packages, vulnerabilities, secrets, hygiene, largestFiles, skipped,
                    gate, reports, imageBytes, archiveBytes, durationMillis);
        }
    }
}
