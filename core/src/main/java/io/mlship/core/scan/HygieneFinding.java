package io.mlship.core.scan;

/**
 * An image habit worth fixing that is not a vulnerability: runs as root, no HEALTHCHECK, over the size
 * budget, package-manager caches left behind. Reported, never part of the gate.
 *
 * @param kind short stable name, e.g. {@code runs-as-root}
 */
public record HygieneFinding(String kind, String message) {
}
