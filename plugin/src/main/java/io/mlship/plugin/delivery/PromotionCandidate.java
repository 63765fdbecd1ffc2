package io.mlship.plugin.delivery;

/** A recent build that built an image, with whether Promote may deploy it and, if not, why. */
public record PromotionCandidate(int build, String image, String version, Eligibility eligibility) {
}
