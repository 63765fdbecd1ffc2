package io.mlship.core.scan.analyzer;

import io.mlship.core.scan.InstalledPackage;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/**
 * Java archives (jar, war, ear and the archives nested in them, e.g. Spring Boot's {@code BOOT-INF/lib}),
 * read as a stream in one pass: Maven coordinates from {@code META-INF/maven/&#42;/&#42;/pom.properties},
 * the manifest's Implementation-Title/Version when there is no pom.properties, and log4j-core recognised by
 * its {@code JndiLookup.class} even when the jar is renamed or the classes are shaded under another package.
 */
public final class JavaArchiveAnalyzer implements ArchiveAnalyzer {

    public static final String LOG4J_CORE = "org.apache.logging.log4j:log4j-core";
    /** Deeper nesting than a war in an ear in a jar is not seen in practice; beyond it, a zip bomb. */
    static final int MAX_DEPTH = 4;
    private static final int MAX_SMALL_ENTRY = 1 << 20;
    private static final String JNDI_LOOKUP = "org/apache/logging/log4j/core/lookup/JndiLookup.class";
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");
    private static final Pattern LOG4J_FILE_NAME = Pattern.compile("log4j-core-(\\d[^/]*?)\\.jar");

    @Override
    public boolean wants(String path) {
        return isArchiveName(path);
    }

    /** Asked for every file of an image: compares in place rather than lower-casing a copy of each path. */
    private static boolean isArchiveName(String name) {
        return endsWithIgnoreCase(name, ".jar") || endsWithIgnoreCase(name, ".war") || endsWithIgnoreCase(name, ".ear")
                || endsWithIgnoreCase(name, ".hpi") || endsWithIgnoreCase(name, ".jpi");
    }

    private static boolean endsWithIgnoreCase(String name, String suffix) {
        return name.regionMatches(true, name.length() - suffix.length(), suffix, 0, suffix.length());
    }

    @Override
    public void analyze(String path, InputStream content, Findings findings) {
        try {
            readArchive(path, content, 0, findings);
        } catch (IOException | RuntimeException e) {
            findings.skip(path + ": not a readable Java archive (" + e.getMessage() + ")");
        }
    }

    private void readArchive(String path, InputStream content, int depth, Findings findings) throws IOException {
        List<String[]> poms = new ArrayList<>();
        Attributes manifest = null;
        String jndiLookup = null;
        ZipArchiveInputStream zip = new ZipArchiveInputStream(new KeepOpen(content), "UTF-8", true, true);
        ZipArchiveEntry entry;
        while ((entry = zip.getNextZipEntry()) != null) {
            String name = entry.getName();
            if (entry.isDirectory()) {
                continue;
            }
            if (POM_PROPERTIES.matcher(name).matches()) {
                Properties p = new Properties();
                p.load(new ByteArrayInputStream(readSmall(zip)));
                if (p.getProperty("artifactId") != null && p.getProperty("version") != null) {
                    poms.add(new String[] {p.getProperty("groupId", ""), p.getProperty("artifactId"), p.getProperty("version")});
                }
            } else if (name.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                manifest = new Manifest(new ByteArrayInputStream(readSmall(zip))).getMainAttributes();
            } else if (name.endsWith(JNDI_LOOKUP)) {
                jndiLookup = name;
            } else if (isArchiveName(name)) {
                String nested = path + "!/" + name;
                if (depth + 1 >= MAX_DEPTH) {
                    findings.skip(nested + ": archive nested deeper than " + MAX_DEPTH + " levels, not read");
                } else {
                    try {
                        readArchive(nested, zip, depth + 1, findings);
                    } catch (IOException | RuntimeException e) {
                        findings.skip(nested + ": not a readable Java archive (" + e.getMessage() + ")");
                    }
                }
            }
        }
        boolean log4jByPom = false;
        for (String[] pom : poms) {
            String name = pom[0] + ":" + pom[1];
            log4jByPom |= name.equals(LOG4J_CORE);
            findings.pkg(new InstalledPackage("Maven", name, pom[2], path, -1));
        }
        if (jndiLookup != null && !log4jByPom) {
            findings.pkg(new InstalledPackage("Maven", LOG4J_CORE, log4jVersion(path, manifest), path, -1));
        } else if (poms.isEmpty() && manifest != null && manifest.getValue("Implementation-Title") != null
                && manifest.getValue("Implementation-Version") != null) {
            findings.pkg(new InstalledPackage("Maven", manifest.getValue("Implementation-Title"),
                    manifest.getValue("Implementation-Version"), path, -1));
        }
    }

    /**
     * The version of log4j-core classes found without their pom.properties: from the manifest when it
     * describes log4j-core (renamed jar), else from a log4j-core-X.jar file name; otherwise unknown — a
     * shaded copy says nothing reliable about its version, so it is reported as possibly affected.
     */
    private static String log4jVersion(String path, Attributes manifest) {
        if (manifest != null) {
            String title = String.valueOf(manifest.getValue("Implementation-Title")) + " "
                    + manifest.getValue("Bundle-SymbolicName");
            String version = manifest.getValue("Implementation-Version");
            if (version != null && title.toLowerCase(Locale.ROOT).matches(".*(log4j-core|log4j core|log4j\\.core).*")) {
                return version;
            }
        }
        Matcher m = LOG4J_FILE_NAME.matcher(path.substring(path.lastIndexOf('/') + 1));
        return m.matches() ? m.group(1) : InstalledPackage.UNKNOWN_VERSION;
    }

    private static byte[] readSmall(InputStream in) throws IOException {
        return in.readNBytes(MAX_SMALL_ENTRY);
    }

    /** A nested archive's reader must not close the entry stream it reads from. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
