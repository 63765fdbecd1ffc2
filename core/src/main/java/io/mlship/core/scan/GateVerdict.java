package io.mlship.core.scan;

import java.util.List;

/**
 * The policy decision on one scan.
 *
 * @param threshold   the level the gate was set at, or null when no gate was asked for (always passes)
 * @param failing     ids of the findings that fail the gate (advisories by id and path, secrets as secret:RULE:PATH)
 * @param allowed     findings that would fail but are allowed, with the reason
 * @param expired     allowlist entries past their date that matched a finding (no longer allowing it)
 */
public record GateVerdict(String threshold, List<String> failing, List<String> allowed, List<String> expired) {

    public GateVerdict {
        failing = List.copyOf(failing);
        allowed = List.copyOf(allowed);
        expired = List.copyOf(expired);
    }

    public boolean passed() {
        return failing.isEmpty();
    }

    public static GateVerdict none() {
        return new GateVerdict(null, List.of(), List.of(), List.of());
    }
}
