package io.mlship.core.scan.policy;

import java.time.LocalDate;

/**
 * An accepted finding: an advisory id or alias (CVE-…, GHSA-…, PYSEC-…) or a secret ({@code secret:RULE}
 * or {@code secret:RULE:/path}), why it is accepted, and until when. After {@code expires} it no longer allows.
 */
public record AllowlistEntry(String id, String reason, LocalDate expires) {

    public boolean activeOn(LocalDate day) {
        return !day.isAfter(expires);
    }
}
