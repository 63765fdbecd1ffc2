package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.osv.PackageNames;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Installed Python distributions anywhere in the image (system site-packages, virtualenvs, conda
 * environments): {@code *.dist-info/METADATA} (wheels, pip) and {@code *.egg-info/PKG-INFO} or a
 * {@code *.egg-info} file (setuptools). Names are normalised as PyPI does (PEP 503).
 */
public final class PythonPackageAnalyzer implements FileAnalyzer {

    private static final Pattern METADATA = Pattern.compile(".*/[^/]+\\.(dist-info/METADATA|egg-info/PKG-INFO|egg-info)");

    @Override
    public boolean wants(String path, long size) {
        return METADATA.matcher(path).matches();
    }

    @Override
    public long maxBytes() {
        return 4L << 20;
    }

    @Override
    public void analyze(String path, byte[] content, Findings findings) {
        Map<String, String> headers = MetadataHeaders.headers(content);
        String name = headers.get("Name");
        String version = headers.get("Version");
        if (name == null || name.isBlank() || version == null || version.isBlank()) {
            findings.skip(path + ": Python metadata without Name or Version");
            return;
        }
        findings.pkg(new InstalledPackage("PyPI", PackageNames.normalize("PyPI", name), version.strip(), path, -1));
    }
}
