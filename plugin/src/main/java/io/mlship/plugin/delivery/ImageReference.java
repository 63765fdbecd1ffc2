package io.mlship.plugin.delivery;

/** The parts of an image reference ({@code host:port/repo:tag@sha256:…}) the card shows. */
final class ImageReference {

    private ImageReference() {
    }

    /** The digest after '@', or null. */
    static String digest(String reference) {
        if (reference == null) {
            return null;
        }
        int at = reference.indexOf('@');
        return at < 0 ? null : reference.substring(at + 1);
    }

    /** The tag after the last ':' of the last path part (a registry's port is not a tag), or null. */
    static String tag(String reference) {
        if (reference == null) {
            return null;
        }
        String name = withoutDigest(reference);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : null;
    }

    /** The reference without tag and digest. */
    static String repository(String reference) {
        String name = withoutDigest(reference);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    private static String withoutDigest(String reference) {
        int at = reference.indexOf('@');
        return at < 0 ? reference : reference.substring(0, at);
    }
}
