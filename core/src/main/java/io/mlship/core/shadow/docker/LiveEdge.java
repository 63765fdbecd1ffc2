package io.mlship.core.shadow.docker;

import java.util.Optional;

/**
 * The live deploy of a name on a Docker host, as the shadow needs it: the network its edge reaches containers on,
 * the image it serves now, and the edge's mirror switch.
 */
interface LiveEdge {

    /** The private network of the deploy: the shadow's containers join it, so the edge reaches them by name. */
    String network();

    /** The image of the live container (the baseline runs a fresh copy of it). */
    String liveImage();

    /** Where the edge copies live requests now (host:port); empty when it mirrors nothing. */
    Optional<String> mirrorTarget();

    /** Copies the matching live requests to {@code target} (host:port), or stops copying when empty. */
    void mirror(Optional<String> target, double percent, String method, String pathPrefix) throws InterruptedException;
}
