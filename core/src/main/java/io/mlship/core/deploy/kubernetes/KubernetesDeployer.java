package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployOutcome;
import io.mlship.core.deploy.DeployRequest;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.Evidence;
import io.mlship.core.deploy.FailedVersionDiagnosis;
import io.mlship.core.deploy.RolloutFailure;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.diagnose.DiagnoseRequest;
import io.mlship.core.diagnose.DiagnoseService;
import io.mlship.core.diagnose.DiagnoseTarget;
import io.mlship.core.diagnose.ResourceRecommendation;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deploy to Kubernetes: check access, take the deploy lock, apply the objects all or nothing, watch
 * the rollout, and on failure keep the evidence and roll back (undo to the previous revision, or remove
 * what a first deploy created), then confirm the rollback is ready.
 */
public final class KubernetesDeployer {

    private final KubernetesClient client;
    private final String server;
    private final WorkloadKinds kinds;

    public KubernetesDeployer(KubernetesClient client, String server, WorkloadKinds kinds) {
        this.client = client;
        this.server = server;
        this.kinds = kinds;
    }

    public DeployResult deploy(DeployRequest request, List<HasMetadata> objects, String target, LogSink console)
            throws InterruptedException {
        DeploySpec spec = request.spec();
        Instant start = Instant.now();
        ObjectApplier applier = new ObjectApplier(client);
        call("check access", spec, () -> {
            checkAccess(spec);
            return null;
        });
        HasMetadata workloadObject = objects.stream().filter(kinds::isWorkload)
                .filter(o -> spec.name().equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new MlshipException("nothing to watch: the objects hold no Deployment or DeploymentConfig named " + spec.name()));
        Workload workload = Workload.of(kinds.named(workloadObject.getKind()).orElseThrow(), client, spec.namespace(), spec.name());
        try (Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console);
             DeployLease lease = call("take the deploy lock", spec, () -> DeployLease.acquire(client, spec.namespace(), spec.name(),
                     request.holder(), LOCK_DURATION, spec.policy().lockTimeout(), console))) {
            // Read under the lock: a deploy that waited must see what the one before it left.
            List<HasMetadata> before = call("read the current objects", spec, () -> applier.snapshot(objects, spec.namespace()));
            console.line("deploying " + spec.image() + " as " + spec.qualifiedName() + " (" + target + ", " + server + ")");
            List<AppliedObject> applied = call("apply the objects", spec, () -> applier.apply(objects, before, spec.namespace(), console));
            EvidenceCollector collector = new EvidenceCollector(client, spec.namespace(), spec.name());
            collector.objects(applied.stream().map(AppliedObject::after).toList(), evidence);
            long generation = applied.stream().map(AppliedObject::after).filter(kinds::isWorkload)
                    .filter(o -> o.getMetadata().getName().equals(spec.name()))
                    .findFirst().orElseThrow().getMetadata().getGeneration();
            RolloutWatch.Verdict verdict;
            try {
                verdict = call("watch the rollout", spec,
                        () -> watch(spec, workload).await(generation, console));
            } catch (MlshipException e) {
                throw undoUnwatched(applier, applied, spec, e, console);
            } catch (InterruptedException e) {
                // Stopped (SIGTERM, a Jenkins abort): a rollout nobody watches to its end must not stay.
                throw undoInterrupted(applier, applied, spec, e, console);
            }
            if (verdict.ready()) {
                console.line("rolled out " + spec.qualifiedName() + " revision " + verdict.revision() + ": every updated replica is ready");
                return result(request, target, DeployOutcome.DEPLOYED, evidence, start).revision(verdict.revision()).build();
            }
            call("keep the evidence", spec, () -> {
                collector.collect(evidence);
                return null;
            });
            RolloutFailure failure = withLastLines(verdict.failure().orElseThrow(), evidence);
            console.line("rollout of " + spec.qualifiedName() + " FAILED after "
                    + Duration.between(start, verdict.decidedAt()).toMillis() + " ms: " + failure.summary());
            failure.lastLines().forEach(l -> console.line("  | " + l));
            console.line("evidence (pod logs, previous instances, events, objects): " + evidence.directory());
            // diagnosed before the rollback replaces the pods: the killed pod's status and limits are the evidence
            Optional<ResourceRecommendation> advice = FailedVersionDiagnosis.ofOomKill(failure,
                    "pod " + failure.pod().orElse(spec.name()), DiagnoseService.onCluster(client), diagnoseRequest(spec, failure), console);
            if (!spec.policy().rollback()) {
                return result(request, target, DeployOutcome.FAILED, evidence, start).revision(verdict.revision())
                        .failure(failure, verdict.decidedAt()).rollbackNote("automatic rollback is disabled; the failed version stays")
                        .recommendation(advice).build();
            }
            DeployResult rolledBack = call("roll back", spec,
                    () -> rollBack(request, target, workload, applied, applier, failure, verdict, evidence, start, console));
            return rolledBack.toBuilder().recommendation(advice).build();
        }
    }

    /**
     * The failed pod (its spec holds the limit it was killed under; the workload's may differ by now), else the
     * workload's pods; no Prometheus is known to a deploy, so the rule is the limit at the kill × 1.25.
     */
    private static DiagnoseRequest diagnoseRequest(DeploySpec spec, RolloutFailure failure) {
        return DiagnoseRequest.builder()
                .target(spec.target() == DeployTarget.OPENSHIFT ? DiagnoseTarget.OPENSHIFT : DiagnoseTarget.KUBERNETES)
                .name(failure.pod().orElse(spec.name())).namespace(spec.namespace()).build();
    }

    private RolloutWatch watch(DeploySpec spec, Workload workload) {
        return new RolloutWatch(client, spec.namespace(), spec.name(), spec.policy(), workload.rollout());
    }

    private DeployResult rollBack(DeployRequest request, String target, Workload workload, List<AppliedObject> applied, ObjectApplier applier,
                                  RolloutFailure failure, RolloutWatch.Verdict verdict, Evidence evidence, Instant start,
                                  LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        WorkloadRollback rollback = workload.rollback();
        if (!rollback.hasPreviousRevision()) {
            console.line("rolling back: " + spec.qualifiedName() + " has no earlier revision; putting back what this deploy changed");
            applier.undo(applied, spec.namespace(), console);
            boolean created = applied.stream().anyMatch(AppliedObject::created);
            return result(request, target, DeployOutcome.REMOVED, evidence, start).failure(failure, verdict.decidedAt())
                    .rollbackNote(created ? "first deploy: the objects it created were removed"
                            : "no earlier revision: the objects were put back as they were before this deploy").build();
        }
        WorkloadRollback.Undo undo = rollback.undo();
        console.line("rolling back " + spec.qualifiedName() + " to revision " + undo.toRevision() + " (" + undo.image() + ")");
        // Other objects the deploy changed (Service, Route) go back too; ones it created stay, since the
        // rolled-back version is served through them as well.
        for (AppliedObject object : applied) {
            if (!kinds.isWorkload(object.after()) && !object.created()) {
                applier.restore(object.before(), spec.namespace());
            }
        }
        RolloutWatch.Verdict confirmed = watch(spec, workload).await(undo.generation(), console);
        if (confirmed.ready()) {
            String note = "rolled back to revision " + undo.toRevision() + " (" + undo.image() + "), confirmed ready as revision " + confirmed.revision();
            console.line(note);
            return result(request, target, DeployOutcome.ROLLED_BACK, evidence, start).revision(confirmed.revision())
                    .failure(failure, verdict.decidedAt()).rollbackNote(note).build();
        }
        String note = "the rollback to revision " + undo.toRevision() + " failed too: " + confirmed.failure().orElseThrow().summary();
        console.line(note);
        return result(request, target, DeployOutcome.ROLLBACK_FAILED, evidence, start).revision(confirmed.revision())
                .failure(failure, verdict.decidedAt()).rollbackNote(note).build();
    }

    /**
     * The rollout cannot be watched (watch refused, connection lost): a version nobody can confirm must not
     * stay, so what the deploy changed is put back before the error is reported.
     */
    private MlshipException undoUnwatched(ObjectApplier applier, List<AppliedObject> applied, DeploySpec spec,
                                          MlshipException cause, LogSink console) {
        console.line("cannot watch the rollout of " + spec.qualifiedName() + "; putting back what this deploy changed");
        try {
            applier.undo(applied, spec.namespace(), console);
        } catch (RuntimeException undoFailure) {
            MlshipException failure = new MlshipException(cause.getMessage() + "; putting the objects back failed too ("
                    + undoFailure.getMessage() + "): check " + spec.qualifiedName() + " by hand", cause);
            failure.addSuppressed(undoFailure);
            return failure;
        }
        return new MlshipException(cause.getMessage() + "; the objects were put back as they were before this deploy", cause);
    }

    /**
     * The deploy was stopped while its rollout was watched: what it changed is put back (the interrupt
     * flag is cleared here, so the undo's own calls run) and the interruption is passed on.
     */
    private InterruptedException undoInterrupted(ObjectApplier applier, List<AppliedObject> applied, DeploySpec spec,
                                                 InterruptedException cause, LogSink console) {
        console.line("stopped while watching the rollout of " + spec.qualifiedName() + "; putting back what this deploy changed");
        try {
            applier.undo(applied, spec.namespace(), console);
            console.line("the objects were put back as they were before this deploy");
        } catch (RuntimeException undoFailure) {
            console.line("putting the objects back failed (" + undoFailure.getMessage() + "): check " + spec.qualifiedName() + " by hand");
            cause.addSuppressed(undoFailure);
        }
        return cause;
    }

    /** `mlship rollback`: undo to the previous revision and confirm it is ready. */
    public DeployResult rollback(DeployRequest request, String target, LogSink console) throws InterruptedException {
        DeploySpec spec = request.spec();
        Instant start = Instant.now();
        call("read the Deployment", spec, () -> {
            checkAccess(spec);
            return null;
        });
        try (Evidence evidence = new Evidence(request.logDirectory(), request.evidenceSettings(), console);
             DeployLease lease = call("take the deploy lock", spec, () -> DeployLease.acquire(client, spec.namespace(), spec.name(),
                     request.holder(), LOCK_DURATION, spec.policy().lockTimeout(), console))) {
            return call("roll back", spec, () -> {
                Workload workload = Workload.of(kinds.requestedBy(spec), client, spec.namespace(), spec.name());
                WorkloadRollback.Undo undo = workload.rollback().undo();
                console.line("rolling back " + spec.qualifiedName() + " to revision " + undo.toRevision() + " (" + undo.image() + ")");
                RolloutWatch.Verdict confirmed = watch(spec, workload).await(undo.generation(), console);
                DeployRequest rolledBack = request.withSpec(request.spec().toBuilder().image(new io.mlship.core.deploy.spec.DeployImage(undo.image())).build());
                if (confirmed.ready()) {
                    String note = "rolled back to revision " + undo.toRevision() + " (" + undo.image() + "), confirmed ready";
                    console.line(note);
                    return result(rolledBack, target, DeployOutcome.ROLLED_BACK, evidence, start).revision(confirmed.revision())
                            .rollbackNote(note).build();
                }
                new EvidenceCollector(client, spec.namespace(), spec.name()).collect(evidence);
                RolloutFailure failure = withLastLines(confirmed.failure().orElseThrow(), evidence);
                console.line("the rollback FAILED: " + failure.summary());
                return result(rolledBack, target, DeployOutcome.ROLLBACK_FAILED, evidence, start).revision(confirmed.revision())
                        .failure(failure, confirmed.decidedAt()).rollbackNote("rollback to revision " + undo.toRevision() + " failed")
                        .build();
            });
        }
    }

    /** The failing container's last lines as the evidence stored them (secrets masked). */
    private static RolloutFailure withLastLines(RolloutFailure failure, Evidence evidence) {
        if (failure.pod().isEmpty() || failure.container().isEmpty()) {
            return failure;
        }
        // After a restart the current instance has barely started: the previous one says why it died.
        boolean previous = failure.restarts() > 0;
        return failure.withLastLines(evidence.lastLines(
                EvidenceCollector.podSource(failure.pod().get(), failure.container().get(), previous), TAIL_LINES));
    }

    /** Before any write: the namespace exists and the reads the watch needs are allowed. */
    private void checkAccess(DeploySpec spec) {
        try {
            if (client.namespaces().withName(spec.namespace()).get() == null) {
                throw new MlshipException("namespace " + spec.namespace() + " does not exist on " + server
                        + ": create it (`kubectl create namespace " + spec.namespace() + "`) or set deploy.namespace");
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 403) {
                throw e;
            }
            // Many deployers may not read Namespace objects; a missing namespace then fails the first
            // write (HTTP 404), before anything is applied.
        }
        client.pods().inNamespace(spec.namespace()).withLabels(ModelLabels.selector(spec.name())).list();
        kinds.requestedBy(spec).readRevisions(client, spec.namespace(), spec.name());
    }

    /** Renewed every third of it while held: how long a crashed holder's lock blocks others. */
    static final Duration LOCK_DURATION = Duration.ofSeconds(30);
    /** Log lines a failure quotes. */
    private static final int TAIL_LINES = 20;

    /** A result of {@code outcome} with the evidence kept so far and the time taken until now. */
    private static DeployResult.Builder result(DeployRequest request, String target, DeployOutcome outcome, Evidence evidence,
                                               Instant start) {
        return DeployResult.builder(target, request.spec().qualifiedName(), request.spec().image().value(), request.logDirectory())
                .outcome(outcome).evidence(evidence.files()).duration(Duration.between(start, Instant.now()));
    }

    /** A step that talks to the API server; its failures become messages naming what was being done. */
    @FunctionalInterface
    private interface Call<T> {
        T run() throws InterruptedException;
    }

    private <T> T call(String action, DeploySpec spec, Call<T> call) throws InterruptedException {
        try {
            return call.run();
        } catch (KubernetesClientException e) {
            if (Thread.interrupted()) {
                // Stopped (SIGTERM) during a call: not a server problem. What was applied so far is already put back.
                InterruptedException stopped = new InterruptedException("stopped while trying to " + action);
                stopped.initCause(e);
                throw stopped;
            }
            if (e.getCode() == 404 && e.getMessage() != null && e.getMessage().contains("namespaces")) {
                throw new MlshipException("namespace " + spec.namespace() + " does not exist on " + server + " (" + action
                        + "): create it or set deploy.namespace; nothing was applied", e);
            }
            throw KubernetesErrors.explain(e, action, server, spec.namespace());
        }
    }
}
