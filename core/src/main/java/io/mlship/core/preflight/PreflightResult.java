package io.mlship.core.preflight;

import java.util.List;

/** All pre-flight findings; the build may go ahead when none is an error. */
public record PreflightResult(List<Finding> findings) {

    public boolean passed() {
        return findings.stream().noneMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    public List<Finding> errors() {
        return findings.stream().filter(f -> f.severity() == Finding.Severity.ERROR).toList();
    }
}
