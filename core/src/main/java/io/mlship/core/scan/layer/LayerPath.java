package io.mlship.core.scan.layer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/** Tar entry names as absolute, normalised image paths ({@code ./usr//lib/} → {@code /usr/lib}). */
public final class LayerPath {

    private LayerPath() {
    }

    /** Empty when the name climbs out of the image root ({@code ../../etc/passwd}): such entries are skipped. */
    public static Optional<String> normalize(String entryName) {
        if (isPlain(entryName)) {
            // The common case, "usr/lib/x" or "./usr/lib/x": no "..", ".", "//" or trailing "/" to resolve.
            String rest = entryName.startsWith("./") ? entryName.substring(2) : entryName;
            return Optional.of(rest.startsWith("/") ? rest : "/" + rest);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : entryName.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of("/" + String.join("/", parts));
    }

    private static boolean isPlain(String name) {
        String rest = name.startsWith("./") ? name.substring(2) : name;
        return !rest.isEmpty() && !rest.equals(".") && !rest.endsWith("/") && !rest.contains("//") && !rest.contains("/./")
                && !rest.contains("..") && !rest.startsWith("/") && !rest.endsWith("/.");
    }

    /** {@code /a/b/c} → {@code /a/b}; the root's parent is the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
