package io.mlship.core.scan.version;

import java.util.Locale;
import java.util.Optional;

/**
 * How one package ecosystem orders its versions. OSV ranges are only meaningful with the ecosystem's own
 * order: "1.0rc1" is before "1.0" in PyPI, "1.0~rc1" before "1.0" in Debian, "1.0-rc1" before "1.0" in Maven.
 */
public interface VersionScheme {

    /** Whether {@code version} is valid in this scheme; an invalid version is matched by explicit lists only. */
    boolean isValid(String version);

    /** Orders two valid versions: negative, zero or positive like {@link Comparable#compareTo}. */
    int compare(String left, String right);

    /** The scheme an OSV ecosystem name uses ({@code PyPI}, {@code Maven}, {@code Debian:12}, {@code Ubuntu:22.04}). */
    static Optional<VersionScheme> forEcosystem(String ecosystem) {
        String base = ecosystem.contains(":") ? ecosystem.substring(0, ecosystem.indexOf(':')) : ecosystem;
        return switch (base.toLowerCase(Locale.ROOT)) {
            case "pypi" -> Optional.of(Pep440Version.SCHEME);
            case "maven" -> Optional.of(MavenVersion.SCHEME);
            case "debian", "ubuntu" -> Optional.of(DpkgVersion.SCHEME);
            default -> Optional.empty();
        };
    }
}
