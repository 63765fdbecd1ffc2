package io.mlship.core.scan.osv;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.version.Pep440Version;
import io.mlship.core.scan.version.VersionScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether an OSV advisory covers an installed package, with the OSV schema's algorithm: the
 * package's ecosystem and normalised name, then the explicit {@code versions} list, then each
 * ECOSYSTEM/SEMVER range evaluated in the ecosystem's own version order. GIT ranges (commits) are ignored.
 */
public final class AdvisoryMatcher {

    /** The verdict on one package: affected, and the first fixed version above the installed one (may be null). */
    public record Match(String fixedVersion, boolean possibly) {
    }

    private AdvisoryMatcher() {
    }

    public static Optional<Match> match(InstalledPackage pkg, OsvAdvisory advisory) {
        Optional<Match> result = Optional.empty();
        for (OsvAdvisory.Affected affected : advisory.affected()) {
            if (affected.ecosystem() == null || affected.name() == null
                    || !PackageNames.baseEcosystem(affected.ecosystem()).equalsIgnoreCase(pkg.ecosystem())
                    || !PackageNames.normalize(pkg.ecosystem(), affected.name())
                            .equals(PackageNames.normalize(pkg.ecosystem(), pkg.name()))) {
                continue;
            }
            if (!pkg.versionKnown()) {
                // Recognised by content, version unknown: every advisory on the package possibly applies.
                return Optional.of(new Match(null, true));
            }
            Optional<VersionScheme> scheme = VersionScheme.forEcosystem(affected.ecosystem());
            Optional<Match> hit = matchAffected(pkg.version(), affected, scheme);
            if (hit.isPresent() && (result.isEmpty() || result.get().fixedVersion() == null)) {
                result = hit;
            }
        }
        return result;
    }

    private static Optional<Match> matchAffected(String version, OsvAdvisory.Affected affected,
                                                 Optional<VersionScheme> scheme) {
        boolean comparable = scheme.isPresent() && scheme.get().isValid(version);
        for (OsvAdvisory.Range range : affected.ranges()) {
            if (comparable && ("ECOSYSTEM".equals(range.type()) || "SEMVER".equals(range.type()))
                    && inRange(version, range, scheme.get())) {
                return Optional.of(new Match(firstFixedAbove(version, range, scheme.get()), false));
            }
        }
        // The explicit list only after the ranges: it is long (TensorFlow's advisories list ~100 versions each),
        // and a version in range needs no look at it.
        boolean listed = affected.versions().stream().anyMatch(v -> sameVersion(v, version, scheme));
        if (listed) {
            String fixed = null;
            if (comparable) {
                for (OsvAdvisory.Range range : affected.ranges()) {
                    if ("ECOSYSTEM".equals(range.type()) && fixed == null) {
                        fixed = firstFixedAbove(version, range, scheme.get());
                    }
                }
            }
            return Optional.of(new Match(fixed, false));
        }
        return Optional.empty();
    }

    private static boolean sameVersion(String listed, String installed, Optional<VersionScheme> scheme) {
        if (listed == null) {
            return false;
        }
        if (listed.equals(installed)) {
            return true;
        }
        // PyPI lists spellings as published (3.1.0.rc1); PEP 440 says which ones are the same version.
        if (scheme.isPresent() && scheme.get() == Pep440Version.SCHEME
                && scheme.get().isValid(listed) && scheme.get().isValid(installed)) {
            return scheme.get().compare(listed, installed) == 0;
        }
        return false;
    }

    /**
     * The OSV evaluation: events sorted by version ("0" lowest); an {@code introduced} at or below the
     * version makes it affected, a {@code fixed} at or below it unaffected, a {@code last_affected} below it
     * unaffected. {@code limit} only bounds GIT ranges and is ignored here.
     */
    static boolean inRange(String version, OsvAdvisory.Range range, VersionScheme scheme) {
        List<OsvAdvisory.Event> events = new ArrayList<>();
        for (OsvAdvisory.Event e : range.events()) {
            if (e.version() != null && e.kind() != OsvAdvisory.EventKind.LIMIT
                    && (isZero(e) || scheme.isValid(e.version()))) {
                events.add(e);
            }
        }
        events.sort((a, b) -> {
            if (isZero(a) || isZero(b)) {
                return Boolean.compare(!isZero(a), !isZero(b));
            }
            return scheme.compare(a.version(), b.version());
        });
        boolean affected = false;
        for (OsvAdvisory.Event e : events) {
            switch (e.kind()) {
                case INTRODUCED -> {
                    if (isZero(e) || scheme.compare(e.version(), version) <= 0) {
                        affected = true;
                    }
                }
                case FIXED -> {
                    if (scheme.compare(e.version(), version) <= 0) {
                        affected = false;
                    }
                }
                case LAST_AFFECTED -> {
                    if (scheme.compare(e.version(), version) < 0) {
                        affected = false;
                    }
                }
                default -> { }
            }
        }
        return affected;
    }

    private static boolean isZero(OsvAdvisory.Event e) {
        return e.kind() == OsvAdvisory.EventKind.INTRODUCED && "0".equals(e.version());
    }

    private static String firstFixedAbove(String version, OsvAdvisory.Range range, VersionScheme scheme) {
        return range.events().stream()
                .filter(e -> e.kind() == OsvAdvisory.EventKind.FIXED && e.version() != null && scheme.isValid(e.version()))
                .map(OsvAdvisory.Event::version)
                .filter(v -> scheme.compare(v, version) > 0)
                .min(scheme::compare)
                .orElse(null);
    }
}
