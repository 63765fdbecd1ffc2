package io.mlship.core.verify;

import java.time.Duration;

/** What one sample request got: whether it met its expectation, and if not, why. */
public record SampleOutcome(String name, boolean passed, int status, Duration latency, String detail) {
}
