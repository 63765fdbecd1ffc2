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
            return Optional.of("/" + (entryName.startsWith("./") ? entryName.substring(2) : entryName));
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

    /**
     * Whether every "/"-separated part of the name (after a leading "./") is a plain name: not empty, not "."
     * and not "..". Then the name needs no resolving. One pass, as this is asked for every entry of a layer.
     */
    private static boolean isPlain(String name) {
        int start = name.startsWith("./") ? 2 : 0;
        int partStart = start;
        for (int i = start; i <= name.length(); i++) {
            if (i < name.length() && name.charAt(i) != '/') {
                continue;
            }
            int length = i - partStart;
            if (length == 0 || name.charAt(partStart) == '.' && (length == 1 || length == 2 && name.charAt(partStart + 1) == '.')) {
                return false;
            }
            partStart = i + 1;
        }
        return true;
    }

    /** {@code /a/b/c} → {@code /a/b}; the root's parent is the root. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
