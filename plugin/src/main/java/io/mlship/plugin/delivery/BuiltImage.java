package io.mlship.plugin.delivery;

/**
 * An image a build made ({@code mlBuildImage}): the local name scans and verifications use, the registry reference
 * it was pushed to and the digest the registry returned, the commit and the provenance file.
 */
public record BuiltImage(String image, String pushedReference, String pushedDigest, String commit, String provenanceFile) {

    /**
     * What a deploy should pull: the pushed reference pinned to its digest ({@code repo@sha256:…}, so a re-pushed
     * tag cannot change what is promoted), the reference alone when the registry returned no digest, else null.
     */
    public String deployReference() {
        if (pushedReference == null) {
            return null;
        }
        return pushedDigest == null ? pushedReference : ImageReference.repository(pushedReference) + "@" + pushedDigest;
    }

    /** Whether a report's image names this one (its local name, pushed reference, pinned reference or digest). */
    public boolean matches(String reference) {
        if (reference == null) {
            return false;
        }
        return reference.equals(image) || reference.equals(pushedReference) || reference.equals(deployReference())
                || (pushedDigest != null && pushedDigest.equals(ImageReference.digest(reference)));
    }

    /** The version the team gave the image: its tag (pushed reference first). */
    public String version() {
        String tag = ImageReference.tag(pushedReference);
        return tag != null ? tag : ImageReference.tag(image);
    }
}
