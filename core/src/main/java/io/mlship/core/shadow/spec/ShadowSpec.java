package io.mlship.core.shadow.spec;

/**
 * The {@code deploy.shadow} section of {@code mlship.yaml}: what to mirror, when to decide, and by which criteria
 * (read by {@link ShadowSpecReader}).
 */
public record ShadowSpec(MirrorSpec mirror, AnalysisSpec analysis, CriteriaSpec criteria) {

    public ShadowSpec {
        mirror = mirror == null ? new MirrorSpec(100, null, null) : mirror;
        analysis = analysis == null ? AnalysisSpec.defaults() : analysis;
        criteria = criteria == null ? CriteriaSpec.defaults() : criteria;
    }

    public static ShadowSpec defaults() {
        return new ShadowSpec(null, null, null);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().mirror(mirror).analysis(analysis).criteria(criteria);
    }

    /** Builds a {@link ShadowSpec}; every part not set keeps its default. */
    public static final class Builder {
        private MirrorSpec mirror;
        private AnalysisSpec analysis;
        private CriteriaSpec criteria;

        private Builder() {
        }

        public Builder mirror(MirrorSpec value) { mirror = value; return this; }
        public Builder analysis(AnalysisSpec value) { analysis = value; return this; }
        public Builder criteria(CriteriaSpec value) { criteria = value; return this; }

        public ShadowSpec build() {
            return new ShadowSpec(mirror, analysis, criteria);
        }
    }
}
