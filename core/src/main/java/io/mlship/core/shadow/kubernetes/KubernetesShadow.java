package io.mlship.core.shadow.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.client.OpenShiftClient;
import io.mlship.core.MlshipException;
import io.mlship.core.deploy.DeployResult;
import io.mlship.core.deploy.kubernetes.KubernetesRenderer;
import io.mlship.core.deploy.service.DeployService;
import io.mlship.core.deploy.spec.DeploySpec;
import io.mlship.core.deploy.spec.DeployTarget;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowReport;
import io.mlship.core.shadow.judge.CandidateHealth;
import io.mlship.core.shadow.judge.Decision;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.MeshWorkloads;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowJudge;
import io.mlship.core.shadow.judge.ShadowOutcome;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.judge.Verdict;
import io.mlship.core.shadow.spec.MetricsSource;
import io.mlship.core.shadow.spec.ShadowSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A shadow beside a live deploy on Kubernetes or OpenShift with Istio. The baseline (the live image), the candidate
 * and the comparator run as Deployments with Services, created all or nothing; once all three are ready, a
 * VirtualService on the live Service's host mirrors the chosen requests to the comparator; the judge decides, aborting
 * at once on an OOM kill or a restart of a candidate pod. Whatever the outcome, every shadow object is removed (the
 * mirror first); a promotion then goes through the ordinary deploy (its rollout watch and rollback).
 */
public final class KubernetesShadow {

    private static final long POLL_MILLIS = 100;

    private final KubernetesClient client;

    KubernetesShadow(KubernetesClient client) {
        this.client = client;
    }

    /** What the run did: the judge's decision, the final outcome, the promotion's deploy result when there was one. */
    public record Result(String shadowId, ShadowOutcome outcome, String reason, Judgement judgement,
                         Optional<DeployResult> promotion, Path report) {
    }

    /** The entry front ends call: opens the candidate request's cluster, runs the shadow, closes the client. */
    public static Result run(KubernetesShadowRequest request, LogSink console) throws InterruptedException {
        DeployTarget target = request.candidate().spec().target();
        if (target != DeployTarget.KUBERNETES && target != DeployTarget.OPENSHIFT) {
            throw new MlshipException("the Kubernetes shadow needs the kubernetes or openshift target (got " + target.id() + ")");
        }
        try (KubernetesClient client = request.candidate().cluster().open()) {
            return new KubernetesShadow(client).shadow(request, console);
        }
    }

    Result shadow(KubernetesShadowRequest request, LogSink console) throws InterruptedException {
        DeploySpec spec = request.candidate().spec();
        ShadowSpec shadow = request.shadow();
        String comparatorImage = request.comparatorImage().or(shadow::comparatorImage).orElseThrow(() -> new MlshipException(
                "no comparator image: set deploy.shadow.comparatorImage in mlship.yaml or pass --comparator-image. It must hold a "
                        + "JRE (17+) and mlship's jar at " + ShadowRenderer.COMPARATOR_JAR + " (cli/target/mlship.jar), e.g. built FROM "
                        + "a JRE image with `COPY mlship.jar " + ShadowRenderer.COMPARATOR_JAR + "`, and be pullable by the cluster"));
        ShadowNames names = ShadowNames.of(spec, request.shadowId());
        String liveImage = liveImage(spec);
        refuseOtherVirtualServices(names);
        ShadowRenderer.Objects objects = ShadowRenderer.render(names, spec, liveImage, shadow, comparatorImage);
        ShadowApplier applier = new ShadowApplier(client, names, console);
        Judgement judgement;
        console.line("shadow " + names.id() + " in " + names.namespace() + ": baseline " + liveImage + ", candidate "
                + spec.image().value() + ", comparator " + comparatorImage);
        Throwable failed = null;
        try (CandidatePods pods = new CandidatePods(client, names)) {
            applier.create(objects.workloads());
            // one window for the three; the candidate first, so its OOM kill or crash while starting aborts at once
            Duration window = spec.policy().progressDeadline();
            long deadline = System.nanoTime() + window.toNanos();
            Optional<String> candidateNotReady = awaitReady(names.namespace(), names.candidate(), deadline, window, pods);
            if (candidateNotReady.isEmpty()) {
                awaitReady(names.namespace(), names.baseline(), deadline, window, CandidateHealth.Watch.none())
                        .ifPresent(why -> { throw new MlshipException("the baseline (a copy of the live image " + liveImage
                                + ") never became ready: " + why); });
            }
            if (candidateNotReady.isPresent()) {
                CandidateHealth health = pods.now();
                judgement = new Judgement(ShadowOutcome.ABORTED, "the candidate never became ready: " + candidateNotReady.get(), 0,
                        Optional.empty(), List.of(
                                new Decision(0, "candidateOomKills", (double) health.oomKills(), "= 0",
                                        health.oomKills() == 0 ? Verdict.PASS : Verdict.FAIL, "pod status"),
                                new Decision(0, "candidateReady", null, "ready within " + window.toSeconds() + "s", Verdict.FAIL,
                                        "Deployment " + names.candidate() + " status.readyReplicas")), 0);
            } else {
                awaitReady(names.namespace(), names.comparator(), deadline, window, CandidateHealth.Watch.none())
                        .ifPresent(why -> { throw new MlshipException("the comparator (" + comparatorImage + ") never became ready: "
                                + why + "; does the image hold a JRE and " + ShadowRenderer.COMPARATOR_JAR + "?"); });
                applier.create(List.of(objects.mirror()));
                console.line("shadow " + names.id() + ": mirroring " + shadow.mirror().percent() + "% of "
                        + shadow.mirror().methods() + " " + shadow.mirror().pathsFor(spec.name()) + " on " + names.host(spec.name())
                        + " to the comparator (VirtualService " + names.id() + ")");
                ShadowQueries queries = shadow.analysis().metrics() == MetricsSource.MESH
                        ? ShadowQueries.mesh(names.id(), new MeshWorkloads(names.namespace(), names.baseline(), names.candidate()))
                        : new ShadowQueries(names.id());
                judgement = new ShadowJudge(new PrometheusQueries(request.prometheus()), queries, shadow.analysis(), shadow.criteria(),
                        Optional.empty(), pods, console).judge();
            }
        } catch (RuntimeException | InterruptedException e) {
            failed = e;
            throw e;
        } finally {
            try {
                removeAll(applier, names, console);
            } catch (RuntimeException cleanup) {
                // the first failure stays the reported one; a failed removal must not hide it (nor be hidden)
                if (failed == null) {
                    throw cleanup;
                }
                failed.addSuppressed(cleanup);
                console.line("shadow " + names.id() + ": " + cleanup.getMessage());
            }
        }
        Path report = request.reportDirectory().resolve(ShadowReport.FILE_NAME);
        ShadowOutcome outcome = judgement.outcome();
        String reason = judgement.reason();
        Optional<DeployResult> promotion = Optional.empty();
        if (outcome == ShadowOutcome.PROMOTED) {
            console.line("shadow " + names.id() + ": PROMOTED (" + reason + "); deploying " + spec.image().value());
            DeployResult deployed = DeployService.deploy(request.candidate(), console);
            promotion = Optional.of(deployed);
            if (!deployed.succeeded()) {
                outcome = ShadowOutcome.ABORTED;
                reason = "the shadow passed but the promotion's deploy ended " + deployed.outcome() + "; the live version stays";
            }
        }
        ShadowReport.write(names.id(), judgement, outcome, reason, Optional.empty(), promotion.map(d -> d.outcome().name()), report);
        console.line("shadow " + names.id() + ": " + outcome + " — " + reason);
        return new Result(names.id(), outcome, reason, judgement, promotion, report);
    }

    /**
     * Cleanup runs also when the run was stopped (SIGTERM, a Jenkins abort): the interrupt flag is held back so the
     * deletes can run, and set again after them.
     */
    private static void removeAll(ShadowApplier applier, ShadowNames names, LogSink console) {
        boolean interrupted = Thread.interrupted();
        try {
            applier.removeAll();
            console.line("shadow " + names.id() + ": its objects are removed; the live " + names.name() + " is as it was");
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The live model's image: from its Deployment, or its DeploymentConfig on OpenShift. A name without one is an error. */
    private String liveImage(DeploySpec spec) {
        PodTemplateSpec template = null;
        try {
            if (spec.target() == DeployTarget.OPENSHIFT && spec.openshift().deploymentConfig()) {
                DeploymentConfig dc = client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(spec.namespace())
                        .withName(spec.name()).get();
                template = dc == null ? null : dc.getSpec().getTemplate();
            } else {
                Deployment d = client.apps().deployments().inNamespace(spec.namespace()).withName(spec.name()).get();
                template = d == null ? null : d.getSpec().getTemplate();
            }
        } catch (KubernetesClientException e) {
            throw new MlshipException("cannot read the live " + spec.qualifiedName() + " (HTTP " + e.getCode() + ": " + e.getMessage()
                    + "); check the cluster connection and that you may read Deployments in " + spec.namespace(), e);
        }
        if (template == null) {
            throw new MlshipException("no live deploy named " + spec.name() + " in namespace " + spec.namespace()
                    + " to shadow: deploy it first (mlship deploy --target " + spec.target().id() + ")");
        }
        List<Container> containers = template.getSpec().getContainers();
        return containers.stream().filter(c -> KubernetesRenderer.CONTAINER.equals(c.getName())).findFirst()
                .orElse(containers.get(0)).getImage();
    }

    /**
     * Istio does not merge two VirtualServices for one host inside the mesh (one wins, which is undefined): a user's
     * own route on the live host would silently disable the mirror, or the mirror theirs. Refused, with the way out.
     */
    private void refuseOtherVirtualServices(ShadowNames names) {
        List<GenericKubernetesResource> existing;
        try {
            existing = client.genericKubernetesResources(ShadowRenderer.VIRTUAL_SERVICE).inNamespace(names.namespace()).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw new MlshipException("the cluster serves no networking.istio.io/v1beta1 VirtualService: the Kubernetes shadow "
                        + "mirrors through Istio (or OpenShift Service Mesh); install it, or shadow on a Docker host (--target docker)");
            }
            throw new MlshipException("cannot list VirtualServices in " + names.namespace() + " (HTTP " + e.getCode() + ": "
                    + e.getMessage() + ")", e);
        }
        String live = names.host(names.name());
        for (GenericKubernetesResource vs : existing) {
            Object spec = vs.getAdditionalProperties().get("spec");
            Object hosts = spec instanceof java.util.Map<?, ?> m ? m.get("hosts") : null;
            if (hosts instanceof List<?> list && (list.contains(live) || list.contains(names.name())
                    || list.contains(names.name() + "." + names.namespace()))) {
                throw new MlshipException("VirtualService " + vs.getMetadata().getName() + " in " + names.namespace() + " already routes "
                        + names.name() + "; Istio would apply only one of two, so the shadow's mirror is refused. Add `mirror` and "
                        + "`mirrorPercentage` to that VirtualService yourself and judge with `mlship shadow judge`, or remove it");
            }
        }
    }

    /** Waits until the Deployment has a ready replica; empty when it has, else why not (time-out or the watch's abort). */
    private Optional<String> awaitReady(String namespace, String name, long deadline, Duration window, CandidateHealth.Watch watch)
            throws InterruptedException {
        while (true) { // checked at least once: the window may be spent on the candidate, and this one ready since
            CandidateHealth health = watch.now();
            if (health.abortsNow()) {
                return Optional.of(health.fatal().orElse(health.oomKills() > 0 ? "a pod was OOM-killed"
                        : "a pod restarted (" + health.restarts() + " restart(s))"));
            }
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null && d.getStatus().getReadyReplicas() >= 1) {
                return Optional.empty();
            }
            if (System.nanoTime() >= deadline) {
                return Optional.of("no ready replica within " + window.toSeconds() + " s");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
