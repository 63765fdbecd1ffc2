package io.mlship.core.scan;

import io.mlship.core.MlshipException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What to scan and how to judge it.
 *
 * @param image           an image on the Docker daemon, or a registry reference the daemon can pull; or null
 * @param archive         a docker-archive or OCI layout tar; exactly one of image and archive is given
 * @param database        folder of OSV advisories; null: only the built-in Log4Shell advisories
 * @param reports         report files to write, by format
 * @param failOn          the gate: fail when a finding reaches this severity; null: report only
 * @param allowlist       YAML/JSON file of allowed advisory ids with reason and expiry; may be null
 * @param sizeBudgetBytes image size above which the hygiene section warns
 */
public record ScanRequest(String image, Path archive, Path database, Map<ReportFormat, Path> reports, Severity failOn,
                          Path allowlist, long sizeBudgetBytes) {

    public static final long DEFAULT_SIZE_BUDGET = 2L << 30;

    public ScanRequest {
        if ((image == null) == (archive == null)) {
            throw new MlshipException("name exactly one image to scan: --image REF (Docker daemon or registry) "
                    + "or --archive FILE (docker save / OCI layout tar)");
        }
        reports = reports == null ? Map.of() : Map.copyOf(reports);
        if (sizeBudgetBytes <= 0) {
            throw new MlshipException("size budget must be positive, e.g. 2Gi");
        }
    }

    public static ScanRequest ofArchive(Path archive, Path database) {
        return new ScanRequest(null, archive, database, Map.of(), null, null, DEFAULT_SIZE_BUDGET);
    }

    public static ScanRequest ofImage(String image, Path database) {
        return new ScanRequest(image, null, database, Map.of(), null, null, DEFAULT_SIZE_BUDGET);
    }

    public ScanRequest withReports(Map<ReportFormat, Path> files) {
        return new ScanRequest(image, archive, database, files, failOn, allowlist, sizeBudgetBytes);
    }

    public ScanRequest withSizeBudget(long bytes) {
        return new ScanRequest(image, archive, database, reports, failOn, allowlist, bytes);
    }
}
