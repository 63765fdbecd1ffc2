package io.mlship.plugin.delivery;

/** A scan, verification or shadow comparison of one image: passed or not, and the line the card shows. */
public record Verdict(String image, boolean passed, String detail) {
}
