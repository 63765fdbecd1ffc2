package io.mlship.core.scan.service;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.scan.GateVerdict;
import io.mlship.core.scan.ScanRequest;
import io.mlship.core.scan.ScanResult;
import io.mlship.core.scan.VulnerabilityFinding;
import io.mlship.core.scan.analyzer.ApkDatabaseAnalyzer;
import io.mlship.core.scan.analyzer.DpkgStatusAnalyzer;
import io.mlship.core.scan.analyzer.JavaArchiveAnalyzer;
import io.mlship.core.scan.analyzer.PythonPackageAnalyzer;
import io.mlship.core.scan.analyzer.SecretAnalyzer;
import io.mlship.core.scan.layer.LayerReader;
import io.mlship.core.scan.osv.OsvDatabase;
import io.mlship.core.scan.osv.VulnerabilityMatcher;
import io.mlship.core.scan.policy.Allowlist;
import io.mlship.core.scan.policy.Gate;
import io.mlship.core.scan.report.ScanReports;
import io.mlship.core.scan.source.ArchiveFileSource;
import io.mlship.core.scan.source.DockerImageSource;
import io.mlship.core.scan.source.ImageArchive;
import io.mlship.core.scan.source.ImageArchiveReader;
import io.mlship.core.scan.source.ImageManifest;
import io.mlship.core.scan.source.ImageSource;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The offline image scan as every front end runs it: read the image once (Docker daemon or archive),
 * inventory its packages, match them against the advisory databases, look for secrets and hygiene
 * problems, apply the gate, write the reports. Nothing is unpacked to disk; no network is used except
 * the Docker daemon (and, through it, a registry when the image must be pulled).
 */
public final class ScanService {

    private ScanService() {
    }

    public static ScanResult run(DockerEndpoint endpoint, ScanRequest request, LogSink console) {
        return run(endpoint, request, console, LocalDate.now(ZoneOffset.UTC));
    }

    /** @param today the day allowlist expiry dates are judged against */
    public static ScanResult run(DockerEndpoint endpoint, ScanRequest request, LogSink console, LocalDate today) {
        long start = System.nanoTime();
        List<OsvDatabase> databases = new ArrayList<>();
        databases.add(OsvDatabase.builtIn());
        OsvDatabase userDb = request.database().map(OsvDatabase::open).orElse(null);
        if (userDb != null) {
            databases.add(userDb);
        }
        Allowlist allowlist = request.allowlist().map(Allowlist::read).orElse(Allowlist.none());
        if (request.archive().isPresent()) {
            return scan(new ArchiveFileSource(request.archive().get()), request, databases, userDb, allowlist, console, today, start);
        }
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            return scan(new DockerImageSource(docker, request.image().orElseThrow(), console), request, databases, userDb, allowlist,
                    console, today, start);
        } catch (IOException e) {
            throw new MlshipException("closing the Docker client failed: " + e.getMessage(), e);
        }
    }

    private static ScanResult scan(ImageSource source, ScanRequest request, List<OsvDatabase> databases, OsvDatabase userDb,
                                   Allowlist allowlist, LogSink console, LocalDate today, long start) {
        console.line("scan: reading " + source.describe());
        LayerReader layers = new LayerReader(
                List.of(new DpkgStatusAnalyzer(), new ApkDatabaseAnalyzer(), new PythonPackageAnalyzer(), new SecretAnalyzer()),
                List.of(new JavaArchiveAnalyzer()));
        // A package is matched on a second thread as soon as a layer reveals it, while the archive is still
        // being read: loading its advisories (hundreds of YAML files) and comparing versions overlap the reading.
        // A later layer may still delete it; only the packages of the final image are reported.
        VulnerabilityMatcher matcher = new VulnerabilityMatcher(databases);
        ExecutorService prefetch = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mlship-advisory-prefetch");
            thread.setDaemon(true);
            return thread;
        });
        if (userDb != null) {
            prefetch.execute(userDb::loadCache);
        }
        ImageArchive archive;
        try (InputStream in = source.open()) {
            // A package found again (another path, another layer) is only a lookup in the matcher's verdicts.
            archive = new ImageArchiveReader(layers, pkg -> prefetch.execute(() -> matcher.prepare(pkg)))
                    .read(in, source.describe());
        } catch (IOException e) {
            throw new MlshipException("cannot read " + source.describe() + ": " + e.getMessage(), e);
        } catch (InternalError e) {
            if (!ArchiveFileSource.changedWhileRead(e)) {
                throw e;
            }
            throw new MlshipException("cannot read " + source.describe() + ": it changed while it was read; "
                    + "scan a file nobody writes to", e);
        } finally {
            prefetch.shutdown();
        }
        ImageManifest manifest = ImageManifest.of(archive, source.describe());
        ImageInventory inventory = ImageInventory.of(archive, manifest);
        console.line("scan: read " + (archive.bytesRead() >> 20) + " MiB in " + (System.nanoTime() - start) / 1_000_000
                + " ms: " + inventory.layers().size() + " layers, " + inventory.packages().size() + " packages; matching advisories");
        long matching = System.nanoTime();
        List<VulnerabilityFinding> vulnerabilities = matcher.findings(inventory.packages());
        if (userDb != null) {
            userDb.saveCache();
        }
        console.line("scan: " + vulnerabilities.size() + " vulnerabilities in " + (System.nanoTime() - matching) / 1_000_000 + " ms");
        List<String> notScanned = new ArrayList<>(inventory.notScanned());
        if (userDb != null) {
            userDb.unreadable().forEach(u -> notScanned.add("advisory not readable: " + u));
        }
        List<String> skipped = new ArrayList<>(inventory.skipped());
        skipped.addAll(notScanned);
        GateVerdict gate = Gate.evaluate(request.failOn().orElse(null), vulnerabilities, inventory.secrets(), allowlist, today, notScanned);
        ScanResult result = ScanResult.builder(manifest.name(), userDb == null ? "built-in Log4Shell advisories only"
                        : userDb.origin() + " + built-in Log4Shell advisories")
                .layers(inventory.layers()).packages(inventory.packages()).vulnerabilities(vulnerabilities)
                .secrets(inventory.secrets()).hygiene(HygieneCheck.check(manifest.config(), inventory, request.sizeBudgetBytes()))
                .largestFiles(inventory.largestFiles()).skipped(skipped).gate(gate).reports(request.reports())
                .sizes(inventory.imageBytes(), archive.bytesRead()).durationMillis((System.nanoTime() - start) / 1_000_000)
                .build();
        ScanReports.write(result, request.reports());
        return result;
    }
}
