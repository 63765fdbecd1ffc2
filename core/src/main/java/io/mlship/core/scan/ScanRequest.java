package io.mlship.core.scan;

import io.mlship.core.MlshipException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What to scan and how to judge it; built with {@link #forImage}, {@link #forArchive} or {@link #builder}.
 *
 * @param image           an image on the Docker daemon, or a registry reference the daemon can pull
 * @param archive         a docker-archive or OCI layout tar; exactly one of image and archive is given
 * @param database        folder of OSV advisories; empty: only the built-in Log4Shell advisories
 * @param reports         report files to write, by format
 * @param failOn          the gate: fail when a finding reaches this severity; empty: report only
 * @param allowlist       YAML/JSON file of allowed advisory ids with reason and expiry
 * @param sizeBudgetBytes image size above which the hygiene section warns
 */
public record ScanRequest(Optional<String> image, Optional<Path> archive, Optional<Path> database,
                          Map<ReportFormat, Path> reports, Optional<Severity> failOn, Optional<Path> allowlist,
                          long sizeBudgetBytes) {

    public static final long DEFAULT_SIZE_BUDGET = 2L << 30;

    public ScanRequest {
        image = image == null ? Optional.empty() : image;
        archive = archive == null ? Optional.empty() : archive;
        database = database == null ? Optional.empty() : database;
        failOn = failOn == null ? Optional.empty() : failOn;
        allowlist = allowlist == null ? Optional.empty() : allowlist;
        if (image.isPresent() == archive.isPresent()) {
            throw new MlshipException("name exactly one image to scan: --image REF (Docker daemon or registry) "
                    + "or --archive FILE (docker save / OCI layout tar)");
        }
        reports = reports == null ? Map.of() : Map.copyOf(reports);
        if (sizeBudgetBytes <= 0) {
            throw new MlshipException("size budget must be positive, e.g. 2Gi");
        }
    }

    /** A scan of an image on the Docker daemon (or one it can pull), with the defaults of {@link Builder}. */
    public static Builder forImage(String image) {
        return builder().image(image);
    }

    /** A scan of a docker-archive or OCI layout tar, with the defaults of {@link Builder}. */
    public static Builder forArchive(Path archive) {
        return builder().archive(archive);
    }

    /** A builder with nothing to scan yet: set exactly one of image and archive. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values, for "the same, except". */
    public Builder toBuilder() {
        Builder b = new Builder().reports(reports).sizeBudgetBytes(sizeBudgetBytes);
        b.image = image;
        b.archive = archive;
        b.database = database;
        b.failOn = failOn;
        b.allowlist = allowlist;
        return b;
    }

    /**
     * Builds a {@link ScanRequest}. Defaults: built-in advisories only, no report files, no gate, no allowlist,
     * a 2 GiB size budget. The optional parts take null as "not set", so a front end can pass its fields as they are.
     */
    public static final class Builder {
        private Optional<String> image = Optional.empty();
        private Optional<Path> archive = Optional.empty();
        private Optional<Path> database = Optional.empty();
        private Map<ReportFormat, Path> reports = Map.of();
        private Optional<Severity> failOn = Optional.empty();
        private Optional<Path> allowlist = Optional.empty();
        private long sizeBudgetBytes = DEFAULT_SIZE_BUDGET;

        private Builder() {
        }

        public Builder image(String reference) { image = Optional.ofNullable(reference); return this; }
        public Builder archive(Path file) { archive = Optional.ofNullable(file); return this; }
        public Builder database(Path folder) { database = Optional.ofNullable(folder); return this; }
        public Builder reports(Map<ReportFormat, Path> files) { reports = files; return this; }
        public Builder failOn(Severity threshold) { failOn = Optional.ofNullable(threshold); return this; }
        public Builder allowlist(Path file) { allowlist = Optional.ofNullable(file); return this; }
        public Builder sizeBudgetBytes(long bytes) { sizeBudgetBytes = bytes; return this; }

        public ScanRequest build() {
            return new ScanRequest(image, archive, database, reports, failOn, allowlist, sizeBudgetBytes);
        }
    }
}
