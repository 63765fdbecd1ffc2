package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import java.util.Map;

/**
 * Debian and Ubuntu packages from dpkg's database: {@code /var/lib/dpkg/status} (packages whose Status is
 * "install ok installed") and distroless images' {@code /var/lib/dpkg/status.d/*} files.
 */
public final class DpkgStatusAnalyzer implements FileAnalyzer {

    @Override
    public boolean wants(String path, long size) {
        return path.equals("/var/lib/dpkg/status") || (path.startsWith("/var/lib/dpkg/status.d/") && !path.endsWith(".md5sums"));
    }

    @Override
    public long maxBytes() {
        return 64L << 20;
    }

    @Override
    public void analyze(String path, byte[] content, int length, Findings findings) {
        for (Map<String, String> p : MetadataHeaders.paragraphs(content, length)) {
            String status = p.getOrDefault("Status", "install ok installed");
            if (p.containsKey("Package") && p.containsKey("Version") && status.endsWith(" installed")) {
                findings.pkg(new InstalledPackage("Debian", p.get("Package"), p.get("Version"), path, -1));
            }
        }
    }
}
