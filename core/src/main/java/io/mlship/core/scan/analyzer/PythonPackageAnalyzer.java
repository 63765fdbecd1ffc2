package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.osv.PackageNames;
import java.util.Map;

/**
 * Installed Python distributions anywhere in the image (system site-packages, virtualenvs, conda
 * environments): {@code *.dist-info/METADATA} (wheels, pip) and {@code *.egg-info/PKG-INFO} or a
 * {@code *.egg-info} file (setuptools). Names are normalised as PyPI does (PEP 503).
 */
public final class PythonPackageAnalyzer implements FileAnalyzer {

    /** Asked about every file of the image, so plain string tests rather than a regular expression. */
    @Override
    public boolean wants(String path, long size) {
        if (path.endsWith("/METADATA")) {
            return path.regionMatches(path.length() - "/METADATA".length() - ".dist-info".length(), ".dist-info", 0, 10);
        }
        if (path.endsWith("/PKG-INFO")) {
            return path.regionMatches(path.length() - "/PKG-INFO".length() - ".egg-info".length(), ".egg-info", 0, 9);
        }
        return path.endsWith(".egg-info");
    }

    @Override
    public long maxBytes() {
        return 4L << 20;
    }

    @Override
    public void analyze(String path, byte[] content, int length, Findings findings) {
        Map<String, String> headers = MetadataHeaders.headers(content, length);
        String name = headers.get("Name");
        String version = headers.get("Version");
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            findings.skip(path + ": Python metadata without Name or Version");
            return;
        }
        findings.pkg(new InstalledPackage("PyPI", PackageNames.normalize("PyPI", name), version.strip(), path, -1));
    }
}
