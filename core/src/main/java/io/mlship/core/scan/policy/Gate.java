package io.mlship.core.scan.policy;

import io.mlship.core.scan.GateVerdict;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --fail-on critical|high|medium}: the scan fails when a vulnerability reaches the level (unknown
 * severity counts as medium, see {@link Severity#UNKNOWN}) or when any secret is found (a leaked credential
 * counts as high), unless an active allowlist entry names it. Hygiene findings never fail the gate. A scan
 * that could not read part of the image or of its advisory database fails whatever the threshold: a gate
 * must never pass what it did not check.
 */
public final class Gate {

    private Gate() {
    }

    public static GateVerdict evaluate(Severity threshold, List<VulnerabilityFinding> vulnerabilities,
                                       List<SecretFinding> secrets, Allowlist allowlist, LocalDate today) {
        return evaluate(threshold, vulnerabilities, secrets, allowlist, today, List.of());
    }

    /** @param notScanned what the scan could not read; any entry fails the scan, gate or no gate (fail closed) */
    public static GateVerdict evaluate(Severity threshold, List<VulnerabilityFinding> vulnerabilities,
                                       List<SecretFinding> secrets, Allowlist allowlist, LocalDate today,
                                       List<String> notScanned) {
        if (threshold == null) {
            return new GateVerdict(null, List.of(), List.of(), List.of(), notScanned);
        }
        Set<String> failing = new LinkedHashSet<>();
        Set<String> allowed = new LinkedHashSet<>();
        Set<String> expired = new LinkedHashSet<>();
        for (VulnerabilityFinding v : vulnerabilities) {
            if (!v.severity().reaches(threshold)) {
                continue;
            }
            String gateId = v.id() + " (" + v.pkg().name() + " " + v.pkg().version() + " at " + v.pkg().path() + ")";
            decide(gateId, entriesFor(allowlist, e -> v.isKnownAs(e.id())), today, failing, allowed, expired);
        }
        if (Severity.HIGH.reaches(threshold)) {
            for (SecretFinding s : secrets) {
                String gateId = "secret:" + s.rule() + ":" + s.path();
                decide(gateId, entriesFor(allowlist, e -> e.id().equals("secret:" + s.rule()) || e.id().equals(gateId)),
                        today, failing, allowed, expired);
            }
        }
        return new GateVerdict(threshold.label(), new ArrayList<>(failing), new ArrayList<>(allowed), new ArrayList<>(expired),
                notScanned);
    }

    private static List<AllowlistEntry> entriesFor(Allowlist allowlist, java.util.function.Predicate<AllowlistEntry> names) {
        return allowlist.entries().stream().filter(names).toList();
    }

    private static void decide(String gateId, List<AllowlistEntry> entries, LocalDate today, Set<String> failing,
                               Set<String> allowed, Set<String> expired) {
        Optional<AllowlistEntry> active = entries.stream().filter(e -> e.activeOn(today)).findFirst();
        if (active.isPresent()) {
            allowed.add(gateId + ": " + active.get().reason() + " (until " + active.get().expires() + ")");
            return;
        }
        for (AllowlistEntry e : entries) {
            expired.add(e.id() + " expired on " + e.expires() + " (" + e.reason() + ")");
        }
        failing.add(gateId);
    }
}
