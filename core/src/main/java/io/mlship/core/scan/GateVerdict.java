package io.mlship.core.scan;

import java.util.List;

/**
 * The policy decision on one scan.
 *
 * @param threshold   the level the gate was set at, or null when no gate was asked for
 * @param failing     ids of the findings that fail the gate (advisories by id and path, secrets as secret:RULE:PATH)
 * @param allowed     findings that would fail but are allowed, with the reason
 * @param expired     allowlist entries past their date that matched a finding (no longer allowing it)
 * @param notScanned  what the scan could not read (a layer the manifest names but the archive does not hold, an
 *                    unreadable layer, an advisory file that does not parse): the scan fails closed on it, with or
 *                    without a threshold, since what was not read cannot be said to be clean
 */
public record GateVerdict(String threshold, List<String> failing, List<String> allowed, List<String> expired,
                          List<String> notScanned) {

    public GateVerdict {
        failing = List.copyOf(failing);
        allowed = List.copyOf(allowed);
        expired = List.copyOf(expired);
        notScanned = List.copyOf(notScanned);
    }

    public GateVerdict(String threshold, List<String> failing, List<String> allowed, List<String> expired) {
        this(threshold, failing, allowed, expired, List.of());
    }

    public boolean passed() {
        return failing.isEmpty() && notScanned.isEmpty();
    }

    /** True when the image could not be read whole: no verdict on its findings can pass. */
    public boolean incomplete() {
        return !notScanned.isEmpty();
    }

    public static GateVerdict none() {
        return new GateVerdict(null, List.of(), List.of(), List.of());
    }
}
