package io.mlship.core.shadow.compare;

import io.mlship.core.MlshipException;
import io.mlship.core.shadow.spec.CriteriaSpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;

/**
 * How a comparator runs: where it listens, where baseline and candidate answer, the shadow's id (the
 * {@code shadow} label of every series), its queue, workers and per-request time-out, and the output rules.
 */
public record ComparatorSettings(InetSocketAddress listen, URI baseline, URI candidate, String shadowId,
                                 int queueCapacity, int workers, Duration timeout, CriteriaSpec criteria) {

    public ComparatorSettings {
        if (listen == null || baseline == null || candidate == null) {
            throw new MlshipException("the comparator needs --listen, --baseline and --candidate");
        }
        if (shadowId == null || !shadowId.matches("[A-Za-z0-9_.-]{1,100}")) {
            throw new MlshipException("shadow id `" + shadowId + "` must be 1-100 letters, digits, '.', '_' or '-'");
        }
        if (queueCapacity < 1 || workers < 1) {
            throw new MlshipException("the comparator's queue and workers must be at least 1 (got " + queueCapacity
                    + " and " + workers + ")");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new MlshipException("the comparator's time-out must be positive, e.g. 2s");
        }
        criteria = criteria == null ? CriteriaSpec.defaults() : criteria;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: queue of 1000 copies, 8 workers, 5 s time-out, default criteria. */
    public static final class Builder {
        private InetSocketAddress listen;
        private URI baseline;
        private URI candidate;
        private String shadowId;
        private int queueCapacity = 1000;
        private int workers = 8;
        private Duration timeout = Duration.ofSeconds(5);
        private CriteriaSpec criteria = CriteriaSpec.defaults();

        private Builder() {
        }

        public Builder listen(InetSocketAddress value) { listen = value; return this; }
        public Builder baseline(URI value) { baseline = value; return this; }
        public Builder candidate(URI value) { candidate = value; return this; }
        public Builder shadowId(String value) { shadowId = value; return this; }
        public Builder queueCapacity(int value) { queueCapacity = value; return this; }
        public Builder workers(int value) { workers = value; return this; }
        public Builder timeout(Duration value) { timeout = value; return this; }
        public Builder criteria(CriteriaSpec value) { criteria = value; return this; }

        public ComparatorSettings build() {
            return new ComparatorSettings(listen, baseline, candidate, shadowId, queueCapacity, workers, timeout, criteria);
        }
    }
}
