package io.mlship.core.shadow.judge;

import java.util.Optional;

/**
 * What the target itself (container or pod events, not a scrape) says about the candidate so far: OOM kills,
 * restarts, and a fatal event (it exited, it was removed) that ends the shadow at once.
 */
public record CandidateHealth(int oomKills, int restarts, Optional<String> fatal) {

    public static CandidateHealth healthy() {
        return new CandidateHealth(0, 0, Optional.empty());
    }

    public boolean abortsNow() {
        return oomKills > 0 || restarts > 0 || fatal.isPresent();
    }

    /** Watches the candidate; called often (every 100 ms) by the judge, so it must answer from what it has seen. */
    @FunctionalInterface
    public interface Watch {
        CandidateHealth now();

        /** For a candidate the judge cannot watch (no events): counts stay 0, said so in the report by the caller. */
        static Watch none() {
            return CandidateHealth::healthy;
        }
    }
}
