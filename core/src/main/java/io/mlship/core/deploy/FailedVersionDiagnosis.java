package io.mlship.core.deploy;

import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.Diagnosis;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.log.LogSink;
import java.util.Optional;

/**
 * Runs the diagnosis on a new version the rollout watch failed with an OOM kill, before a rollback removes what it
 * would read, and turns its memory recommendation into the deploy's {@link ResourceRecommendation}. Every target
 * calls this one place (Docker with its container, Kubernetes and OpenShift with the failed pod), so the console
 * line and the result's fields are the same everywhere. A diagnosis that cannot be made costs the deploy nothing but
 * a console line: the rollback goes on.
 */
public final class FailedVersionDiagnosis {

    private FailedVersionDiagnosis() {
    }

    /**
     * @param subject what is diagnosed, for the console line when it cannot be ("container iris-green", "pod iris-7d9-x")
     * @return the recommended limit, empty when the failure was no OOM kill or the diagnosis advised none
     */
    public static Optional<ResourceRecommendation> ofOomKill(RolloutFailure failure, String subject, DiagnoseService service,
                                                             DiagnoseRequest request, LogSink console) {
        if (failure.reason() != FailureReason.OOM_KILLED) {
            return Optional.empty();
        }
        Diagnosis diagnosis;
        try {
            diagnosis = service.run(request, line -> console.line("  " + line));
        } catch (RuntimeException e) {
            console.line("  no diagnosis of " + subject + ": " + e.getMessage());
            return Optional.empty();
        }
        Optional<ResourceRecommendation> advice = diagnosis.recommendation().memory()
                .map(q -> new ResourceRecommendation(diagnosis.verdict().name(), q, diagnosis.recommendation().memoryRule()));
        console.line(advice.map(a -> "recommendation: " + a.line())
                .orElse("recommendation: none for limits.memory (" + diagnosis.recommendation().memoryStatus() + ")"));
        return advice;
    }
}
