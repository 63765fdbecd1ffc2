package io.mlship.core.scan;

/**
 * A credential found in a layer. It holds where and what kind, never the value: nothing in a report can leak it.
 *
 * @param removedLater a later layer deletes the file; the secret is still readable from this layer's blob
 */
public record SecretFinding(String rule, String description, String path, int line, int layer, boolean removedLater) {

    public SecretFinding inLayer(int index, boolean removed) {
        return new SecretFinding(rule, description, path, line, index, removed);
    }
}
