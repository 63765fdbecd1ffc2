package io.mlship.core.scan.layer;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Package-manager caches that are only needed while building and bloat the image when left in a layer. */
final class PackageCaches {

    private record Cache(String kind, Pattern path) {
    }

    private static final List<Cache> CACHES = List.of(
            new Cache("apt package cache (/var/cache/apt)", Pattern.compile("/var/cache/apt/.+")),
            new Cache("apt lists (/var/lib/apt/lists)", Pattern.compile("/var/lib/apt/lists/(?!lock$)(?!partial$).+")),
            new Cache("apk cache (/var/cache/apk)", Pattern.compile("/var/cache/apk/.+")),
            new Cache("pip cache (~/.cache/pip)", Pattern.compile("/(root|home/[^/]+)/\\.cache/pip/.+")),
            new Cache("npm cache (~/.npm)", Pattern.compile("/(root|home/[^/]+)/\\.npm/_cacache/.+")),
            new Cache("yarn cache", Pattern.compile("/(usr/local/share/\\.cache/yarn|(root|home/[^/]+)/\\.cache/yarn)/.+")),
            new Cache("conda package cache (pkgs/)", Pattern.compile("/(opt/conda|root/miniconda3|opt/miniconda3)/pkgs/.+")));

    private PackageCaches() {
    }

    static Optional<String> kindOf(String path) {
        if (!path.startsWith("/var/cache/") && !path.startsWith("/var/lib/apt/") && !path.contains("/.cache/")
                && !path.contains("/.npm/") && !path.contains("/pkgs/")) {
            return Optional.empty();
        }
        return CACHES.stream().filter(c -> c.path().matcher(path).matches()).map(Cache::kind).findFirst();
    }
}
