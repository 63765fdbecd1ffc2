package io.mlship.core.image;

import io.mlship.core.MlshipException;
import io.mlship.core.preflight.Finding;
import io.mlship.core.preflight.PreflightResult;
import java.util.stream.Collectors;

/** The pre-flight found errors, so nothing was built; the message lists each with its place and fix. */
public final class PreflightFailedException extends MlshipException {

    private static final long serialVersionUID = 1L;

    private final transient PreflightResult result;

    PreflightFailedException(PreflightResult result) {
        super("pre-flight failed, nothing was built:\n" + result.errors().stream()
                .map(Finding::toString).map(line -> "  " + line).collect(Collectors.joining("\n")));
        this.result = result;
    }

    public PreflightResult result() {
        return result;
    }
}
