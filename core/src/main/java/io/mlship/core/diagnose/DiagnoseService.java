package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.report.JsonReport;
import java.time.Instant;
import java.util.Optional;

/**
 * The one entry point every front end calls: gathers the evidence of one container (Docker) or one workload's pods
 * (Kubernetes, OpenShift), decides the verdict, works out the recommendation and writes {@code diagnosis.json}.
 * The caller owns the client it hands in.
 */
public final class DiagnoseService {

    private final DockerClient docker;
    private final KubernetesClient cluster;

    private DiagnoseService(DockerClient docker, KubernetesClient cluster) {
        this.docker = docker;
        this.cluster = cluster;
    }

    public static DiagnoseService onDocker(DockerClient docker) {
        return new DiagnoseService(docker, null);
    }

    public static DiagnoseService onCluster(KubernetesClient cluster) {
        return new DiagnoseService(null, cluster);
    }

    public Diagnosis run(DiagnoseRequest request, LogSink sink) {
        Instant at = request.until().orElseGet(Instant::now);
        Observations o = new Observations();
        Optional<PrometheusHistory> history = request.prometheus().map(url -> new PrometheusHistory(new PrometheusClient(url), request, at));
        if (request.target().cluster()) {
            if (cluster == null) {
                throw new MlshipException("diagnose --target " + request.target().label() + " needs a cluster connection");
            }
            PodSet pods = PodSet.find(cluster, request, history.isEmpty());
            if (pods.pods().isEmpty()) {
                o.saw(PodStatusEvidence.SOURCE, "pods", "none now in namespace " + request.namespace() + "; history only");
            } else {
                sink.line("diagnose: " + pods.describe());
                PodStatusEvidence.read(pods, o);
                PodEventsEvidence.read(cluster, pods, o);
            }
        } else {
            if (docker == null) {
                throw new MlshipException("diagnose --target docker needs a Docker daemon");
            }
            Optional<DockerContainer> found = DockerContainer.lookup(docker, request.name());
            if (found.isEmpty() && history.isEmpty()) {
                throw DockerContainer.notFound(request.name());
            }
            if (found.isEmpty()) {
                o.saw(DockerInspectEvidence.SOURCE, "container", "not on the daemon (removed); history only");
            } else {
                DockerContainer container = found.get();
                sink.line("diagnose: container " + container.name() + " (" + container.shortId() + "), " + container.stateText());
                DockerInspectEvidence.read(container, o);
                DockerEventsEvidence.read(docker, container, at, o);
                CgroupOomEvidence.read(docker, container, o);
                DockerProcessEvidence.read(docker, container, o);
                if (history.isEmpty() && container.running()) {
                    sink.line("diagnose: no --prometheus; sampling the container's stats for " + request.duration().toSeconds() + " s");
                    DockerStatsSampler.sample(docker, container, request.duration(), o);
                }
            }
        }
        history.ifPresent(h -> {
            sink.line("diagnose: reading " + DiagnoseRequest.promDuration(request.window()) + " of history from " + h.url());
            h.read(o);
        });
        VerdictRules.Decision decision = VerdictRules.decide(o);
        Recommendation recommendation = RecommendationRules.recommend(o, decision.verdict(), request.verifyPeak());
        Diagnosis diagnosis = new Diagnosis(request.target(), request.name(), request.namespace(), at, decision.verdict(),
                decision.reason(), decision.alsoSeen(), o.evidence, o.processes, MemoryBreakdown.summary(o.processes), o.queries,
                recommendation);
        diagnosis.consoleLines().forEach(sink::line);
        request.report().ifPresent(file -> {
            JsonReport.write(diagnosis.toReport(), file);
            sink.line("diagnose: report " + file.toAbsolutePath());
        });
        return diagnosis;
    }
}
