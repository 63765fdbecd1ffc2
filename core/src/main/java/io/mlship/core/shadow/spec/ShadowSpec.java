package io.mlship.core.shadow.spec;

import io.mlship.core.MlshipException;
import java.util.Optional;

/**
 * The {@code deploy.shadow} section of {@code mlship.yaml}: what to mirror, when to decide, and by which criteria
 * (read by {@link ShadowSpecReader}); on a cluster, the image the comparator runs from (a JRE and mlship's jar, see
 * docs/shadow.md), as the CLI's {@code --comparator-image} may also name it.
 */
public record ShadowSpec(MirrorSpec mirror, AnalysisSpec analysis, CriteriaSpec criteria, Optional<String> comparatorImage) {

    public ShadowSpec {
        mirror = mirror == null ? new MirrorSpec(100, null, null) : mirror;
        analysis = analysis == null ? AnalysisSpec.defaults() : analysis;
        criteria = criteria == null ? CriteriaSpec.defaults() : criteria;
        comparatorImage = comparatorImage == null ? Optional.empty() : comparatorImage;
        comparatorImage.ifPresent(image -> {
            if (image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
                throw new MlshipException("deploy.shadow.comparatorImage `" + image + "` must be an image reference without "
                        + "spaces, e.g. registry.example.com/mlship-comparator:1.0");
            }
        });
    }

    public ShadowSpec(MirrorSpec mirror, AnalysisSpec analysis, CriteriaSpec criteria) {
        this(mirror, analysis, criteria, Optional.empty());
    }

    public static ShadowSpec defaults() {
        return new ShadowSpec(null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().mirror(mirror).analysis(analysis).criteria(criteria).comparatorImage(comparatorImage.orElse(null));
    }

    /** Builds a {@link ShadowSpec}; every part not set keeps its default. */
    public static final class Builder {
        private MirrorSpec mirror;
        private AnalysisSpec analysis;
        private CriteriaSpec criteria;
        private String comparatorImage;

        private Builder() {
        }

        public Builder mirror(MirrorSpec value) { mirror = value; return this; }
        public Builder analysis(AnalysisSpec value) { analysis = value; return this; }
        public Builder criteria(CriteriaSpec value) { criteria = value; return this; }
        public Builder comparatorImage(String value) { comparatorImage = value; return this; }

        public ShadowSpec build() {
            return new ShadowSpec(mirror, analysis, criteria, Optional.ofNullable(comparatorImage));
        }
    }
}
