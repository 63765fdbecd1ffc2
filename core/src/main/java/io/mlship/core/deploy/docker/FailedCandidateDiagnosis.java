package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.deploy.FailureReason;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.diagnose.Diagnosis;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.util.Optional;

/**
 * Diagnoses an OOM-killed new container before the rollback removes it, so the deploy's result says which limit to
 * set. Only the evidence there is at that moment (inspect, events, cgroup, processes) and one second of stats: a
 * deploy's failure must not wait for a long sampling. A diagnosis that cannot be made costs the deploy nothing but a
 * console line: the rollback goes on.
 */
final class FailedCandidateDiagnosis {

    private static final Duration QUICK_SAMPLE = Duration.ofSeconds(1);

    private FailedCandidateDiagnosis() {
    }

    static Optional<ResourceRecommendation> of(DockerClient docker, String container, RolloutFailure failure, LogSink console) {
        if (failure.reason() != FailureReason.OOM_KILLED) {
            return Optional.empty();
        }
        Diagnosis diagnosis;
        try {
            diagnosis = DiagnoseService.onDocker(docker).run(DiagnoseRequest.builder().target(DiagnoseTarget.DOCKER).name(container)
                    .duration(QUICK_SAMPLE).build(), line -> console.line("  " + line));
        } catch (RuntimeException e) {
            console.line("  no diagnosis of " + container + ": " + e.getMessage());
            return Optional.empty();
        }
        Optional<ResourceRecommendation> advice = diagnosis.recommendation().memory()
                .map(q -> new ResourceRecommendation(diagnosis.verdict().name(), q, diagnosis.recommendation().memoryRule()));
        console.line(advice.map(a -> "recommendation: " + a.line())
                .orElse("recommendation: none for limits.memory (" + diagnosis.recommendation().memoryStatus() + ")"));
        return advice;
    }
}
