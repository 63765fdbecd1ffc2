package io.mlship.core.registry;

/** What a push left in the registry: the reference and the manifest digest it now points to. */
public record PushResult(String reference, String digest) {
}
