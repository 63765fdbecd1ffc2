package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.deploy.FailedVersionDiagnosis;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.util.Optional;

/**
 * Diagnoses an OOM-killed new container before the rollback removes it, so the deploy's result says which limit to
 * set. Only the evidence there is at that moment (inspect, events, cgroup, processes) and one second of stats: a
 * deploy's failure must not wait for a long sampling.
 */
final class FailedCandidateDiagnosis {

    private static final Duration QUICK_SAMPLE = Duration.ofSeconds(1);

    private FailedCandidateDiagnosis() {
    }

    static Optional<ResourceRecommendation> of(DockerClient docker, String container, RolloutFailure failure, LogSink console) {
        return FailedVersionDiagnosis.ofOomKill(failure, container, DiagnoseService.onDocker(docker),
                DiagnoseRequest.builder().target(DiagnoseTarget.DOCKER).name(container).duration(QUICK_SAMPLE).build(), console);
    }
}
