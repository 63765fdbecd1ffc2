package io.mlship.core.scan;

/**
 * One package found in the image.
 *
 * @param ecosystem OSV ecosystem: PyPI, Maven, Debian, Alpine
 * @param name      as the ecosystem names it (Maven: {@code groupId:artifactId})
 * @param version   as installed; {@link #UNKNOWN_VERSION} when only the content gave the package away
 * @param path      where it was found; inside an archive {@code outer.jar!/inner.jar}
 * @param layer     index of the image layer (0 = base) that holds it
 */
public record InstalledPackage(String ecosystem, String name, String version, String path, int layer) {

    public static final String UNKNOWN_VERSION = "unknown";

    public boolean versionKnown() {
        return !UNKNOWN_VERSION.equals(version);
    }

    public InstalledPackage inLayer(int index) {
        return new InstalledPackage(ecosystem, name, version, path, index);
    }
}
