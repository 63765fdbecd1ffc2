package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import java.nio.charset.StandardCharsets;

/** Alpine packages from apk's database {@code /lib/apk/db/installed} ("P:name", "V:version" per package). */
public final class ApkDatabaseAnalyzer implements FileAnalyzer {

    @Override
    public boolean wants(String path, long size) {
        return path.equals("/lib/apk/db/installed");
    }

    @Override
    public long maxBytes() {
        return 64L << 20;
    }

    @Override
    public void analyze(String path, byte[] content, int length, Findings findings) {
        String name = null;
        String version = null;
        for (String line : (new String(content, 0, length, StandardCharsets.UTF_8) + "\n\n").split("\r?\n", -1)) {
            if (line.startsWith("P:")) {
                name = line.substring(2).strip();
            } else if (line.startsWith("V:")) {
                version = line.substring(2).strip();
            } else if (line.isBlank()) {
                if (name != null && version != null) {
                    findings.pkg(new InstalledPackage("Alpine", name, version, path, -1));
                }
                name = null;
                version = null;
            }
        }
    }
}
