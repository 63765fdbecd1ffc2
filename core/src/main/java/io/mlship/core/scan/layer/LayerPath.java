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

    /** {@code /a/b/c} → {@code /a/b}; the root's parent is the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
