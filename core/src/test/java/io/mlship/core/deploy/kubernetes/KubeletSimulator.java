package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.openshift.api.model.DeploymentConfig;
import io.fabric8.openshift.api.model.DeploymentConfigStatus;
import io.fabric8.openshift.api.model.DeploymentConfigStatusBuilder;
import io.fabric8.openshift.client.OpenShiftClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays, in tests, what a cluster does with a Deployment that the CRUD mock does not: the deployment
 * controller (a ReplicaSet per pod template with the pod-template-hash label and the revision
 * annotation, pods for it, old revisions scaled to zero, the Deployment's status) and the kubelet and
 * scheduler (pod statuses in their real shapes, events, and container logs served at the log endpoint).
 * What each pod does is chosen per image.
 */
public final class KubeletSimulator implements AutoCloseable {

    /** What the pods of an image do. */
    public enum Behaviour { READY, SLOW_READY, OOM_KILLED, CRASH_LOOP, IMAGE_PULL, CONFIG_ERROR, UNSCHEDULABLE, NEVER_READY, PROGRESS_DEADLINE }

    private static final AtomicInteger POD_NUMBERS = new AtomicInteger();

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, Long> reconciled = new ConcurrentHashMap<>();
    private final Map<String, DeploymentStatus> lastStatus = new ConcurrentHashMap<>();
    private final Map<String, DeploymentConfigStatus> lastConfigStatus = new ConcurrentHashMap<>();
    private final Map<String, Instant> failureWritten = new ConcurrentHashMap<>();
    /** One worker per Deployment, like a controller's work queue: a Deployment's events in order, Deployments in parallel. */
    private final Map<String, ExecutorService> workers = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Deployment> informer;
    private final SharedIndexInformer<DeploymentConfig> configInformer;
    private volatile long stepMillis = 50;
    private volatile boolean closing;

    KubeletSimulator(KubernetesMockServer server, KubernetesClient client, String namespace) {
        this.server = server;
        this.client = client;
        this.namespace = namespace;
        this.informer = client.apps().deployments().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Deployment d) {
                worker(d).submit(() -> reconcile(d.getMetadata().getName()));
            }

            @Override
            public void onUpdate(Deployment old, Deployment d) {
                worker(d).submit(() -> reconcile(d.getMetadata().getName()));
            }

            @Override
            public void onDelete(Deployment d, boolean unknown) {
            }
        });
        // OpenShift's DeploymentConfig controller, on the same server (openshift-client's paths).
        this.configInformer = client.adapt(OpenShiftClient.class).deploymentConfigs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(DeploymentConfig dc) {
                worker(dc).submit(() -> reconcileConfig(dc.getMetadata().getName()));
            }

            @Override
            public void onUpdate(DeploymentConfig old, DeploymentConfig dc) {
                worker(dc).submit(() -> reconcileConfig(dc.getMetadata().getName()));
            }

            @Override
            public void onDelete(DeploymentConfig dc, boolean unknown) {
            }
        });
    }

    private ExecutorService worker(io.fabric8.kubernetes.api.model.HasMetadata d) {
        return workers.computeIfAbsent(d.getKind() + "/" + d.getMetadata().getName(),
                n -> Executors.newSingleThreadExecutor(r -> new Thread(r, "simulated-controller-" + n)));
    }

    public KubeletSimulator behave(String image, Behaviour behaviour) {
        behaviours.put(image, behaviour);
        return this;
    }

    /** When the simulator wrote the status that makes deployment {@code name}'s rollout fail. */
    public Optional<Instant> failureWrittenAt(String name) {
        return Optional.ofNullable(failureWritten.get(name));
    }

    private void reconcile(String name) {
        try {
            Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
            if (d == null) {
                return;
            }
            long generation = d.getMetadata().getGeneration();
            if (reconciled.getOrDefault(d.getMetadata().getUid(), 0L) >= generation) {
                // Nothing new to roll out. A replace (PUT) without status wipes the status in the CRUD mock
                // (a real API server keeps it): resync it, as the controller's periodic resync would.
                DeploymentStatus last = lastStatus.get(d.getMetadata().getUid());
                if (last != null && (d.getStatus() == null || d.getStatus().getObservedGeneration() == null)) {
                    d.setStatus(last);
                    client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
                }
                return;
            }
            reconciled.put(d.getMetadata().getUid(), generation);
            rollOut(d, generation);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                e.printStackTrace();
            }
        }
    }

    private void rollOut(Deployment d, long generation) throws InterruptedException {
        String name = d.getMetadata().getName();
        PodTemplateSpec template = Revisions.withoutHash(d.getSpec().getTemplate());
        String hash = Integer.toHexString(Serialization.asJson(template).hashCode() & 0x7fffffff);
        List<ReplicaSet> owned = Revisions.ownedBy(d, client.apps().replicaSets().inNamespace(namespace).list().getItems());
        long nextRevision = owned.stream().mapToLong(Revisions::revision).max().orElse(0) + 1;
        int replicas = d.getSpec().getReplicas();
        ReplicaSet current = owned.stream().filter(rs -> hash.equals(rs.getMetadata().getLabels().get(ModelLabels.POD_TEMPLATE_HASH)))
                .findFirst().orElse(null);
        PodTemplateSpec hashed = Serialization.clone(template);
        hashed.getMetadata().getLabels().put(ModelLabels.POD_TEMPLATE_HASH, hash);
        if (current == null) {
            Map<String, String> labels = new LinkedHashMap<>(hashed.getMetadata().getLabels());
            Map<String, String> selector = new LinkedHashMap<>(d.getSpec().getSelector().getMatchLabels());
            selector.put(ModelLabels.POD_TEMPLATE_HASH, hash);
            current = client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                    .withNewMetadata().withName(name + "-" + hash).withLabels(labels)
                        .withAnnotations(Map.of(ModelLabels.REVISION, Long.toString(nextRevision)))
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                                .withName(name).withUid(d.getMetadata().getUid()).withController(true).build())
                    .endMetadata()
                    .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(selector).endSelector()
                        .withTemplate(hashed).endSpec()
                    .build()).create();
        } else {
            // Rolling back to a template seen before: its ReplicaSet becomes the newest revision again.
            current.getMetadata().getAnnotations().put(ModelLabels.REVISION, Long.toString(nextRevision));
            current.getSpec().setReplicas(replicas);
            current = client.apps().replicaSets().inNamespace(namespace).resource(current).update();
        }
        String currentUid = current.getMetadata().getUid();
        for (ReplicaSet old : owned) {
            if (old.getMetadata().getUid().equals(currentUid)) {
                continue;
            }
            old.getSpec().setReplicas(0);
            client.apps().replicaSets().inNamespace(namespace).resource(old).update();
            for (Pod pod : client.pods().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems()) {
                if (pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(old.getMetadata().getUid()))) {
                    client.pods().inNamespace(namespace).resource(pod).delete();
                }
            }
        }
        String image = template.getSpec().getContainers().get(0).getImage();
        Behaviour behaviour = behaviours.getOrDefault(image, Behaviour.READY);
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                    .withNewMetadata().withName(current.getMetadata().getName() + "-" + POD_NUMBERS.incrementAndGet())
                        .withLabels(hashed.getMetadata().getLabels())
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("ReplicaSet")
                                .withName(current.getMetadata().getName()).withUid(currentUid).withController(true).build())
                    .endMetadata()
                    .withSpec(Serialization.clone(hashed.getSpec()))
                    .build()).create();
            serveLogs(pod, behaviour);
            pods.add(pod);
        }
        deploymentStatus(name, generation, replicas, 0, progressing("True", "ReplicaSetUpdated"));
        Thread.sleep(stepMillis);
        for (Pod pod : pods) {
            act(name, pod, behaviour);
        }
        if (behaviour == Behaviour.READY || behaviour == Behaviour.SLOW_READY) {
            deploymentStatus(name, generation, replicas, replicas, progressing("True", "NewReplicaSetAvailable"));
        } else if (behaviour == Behaviour.PROGRESS_DEADLINE) {
            Thread.sleep(stepMillis);
            failureWritten.put(name, Instant.now());
            deploymentStatus(name, generation, replicas, 0, progressing("False", "ProgressDeadlineExceeded"));
        }
    }

    /**
     * The DeploymentConfig controller: each new generation is a new version, a ReplicationController
     * {@code <name>-<version>} with the version and phase annotations and pods; older versions scaled to
     * zero; the phase becomes Complete when the pods are ready (and stays Running when they fail).
     */
    private void reconcileConfig(String name) {
        try {
            OpenShiftClient openshift = client.adapt(OpenShiftClient.class);
            DeploymentConfig dc = openshift.deploymentConfigs().inNamespace(namespace).withName(name).get();
            if (dc == null) {
                return;
            }
            long generation = dc.getMetadata().getGeneration();
            if (reconciled.getOrDefault(dc.getMetadata().getUid(), 0L) >= generation) {
                DeploymentConfigStatus last = lastConfigStatus.get(dc.getMetadata().getUid());
                if (last != null && (dc.getStatus() == null || dc.getStatus().getObservedGeneration() == null)) {
                    dc.setStatus(last); // a replace wiped it in the CRUD mock
                    openshift.deploymentConfigs().inNamespace(namespace).resource(dc).updateStatus();
                }
                return;
            }
            reconciled.put(dc.getMetadata().getUid(), generation);
            // The version lives in the status, which a replace wipes in the CRUD mock: fall back on the last one written.
            DeploymentConfigStatus known = dc.getStatus() != null && dc.getStatus().getLatestVersion() != null ? dc.getStatus()
                    : lastConfigStatus.get(dc.getMetadata().getUid());
            long version = (known == null || known.getLatestVersion() == null ? 0 : known.getLatestVersion()) + 1;
            int replicas = dc.getSpec().getReplicas();
            String rcName = name + "-" + version;
            PodTemplateSpec template = Serialization.clone(dc.getSpec().getTemplate());
            template.getMetadata().getLabels().put("deployment", rcName);
            template.getMetadata().getLabels().put("deploymentconfig", name);
            for (ReplicationController old : client.replicationControllers().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems()) {
                old.getSpec().setReplicas(0);
                client.replicationControllers().inNamespace(namespace).resource(old).update();
                for (Pod pod : client.pods().inNamespace(namespace).withLabels(ModelLabels.selector(name)).list().getItems()) {
                    if (pod.getMetadata().getOwnerReferences().stream().anyMatch(o -> o.getUid().equals(old.getMetadata().getUid()))) {
                        client.pods().inNamespace(namespace).resource(pod).delete();
                    }
                }
            }
            Map<String, String> labels = new LinkedHashMap<>(dc.getMetadata().getLabels());
            labels.put("openshift.io/deployment-config.name", name);
            ReplicationController rc = client.replicationControllers().inNamespace(namespace).resource(new ReplicationControllerBuilder()
                    .withNewMetadata().withName(rcName).withLabels(labels)
                        .withAnnotations(Map.of("openshift.io/deployment-config.latest-version", Long.toString(version),
                                "openshift.io/deployment.phase", "Running", "openshift.io/deployment-config.name", name))
                        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps.openshift.io/v1").withKind("DeploymentConfig")
                                .withName(name).withUid(dc.getMetadata().getUid()).withController(true).build())
                    .endMetadata()
                    .withNewSpec().withReplicas(replicas).withSelector(Map.of("deployment", rcName)).withTemplate(template).endSpec()
                    .build()).create();
            configStatus(name, generation, version, replicas, 0);
            String image = template.getSpec().getContainers().get(0).getImage();
            Behaviour behaviour = behaviours.getOrDefault(image, Behaviour.READY);
            List<Pod> pods = new ArrayList<>();
            for (int i = 0; i < replicas; i++) {
                Pod pod = client.pods().inNamespace(namespace).resource(new PodBuilder()
                        .withNewMetadata().withName(rcName + "-" + POD_NUMBERS.incrementAndGet()).withLabels(template.getMetadata().getLabels())
                            .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ReplicationController")
                                    .withName(rcName).withUid(rc.getMetadata().getUid()).withController(true).build())
                        .endMetadata()
                        .withSpec(Serialization.clone(template.getSpec()))
                        .build()).create();
                serveLogs(pod, behaviour);
                pods.add(pod);
            }
            Thread.sleep(stepMillis);
            for (Pod pod : pods) {
                act(name, pod, behaviour);
            }
            if (behaviour == Behaviour.READY || behaviour == Behaviour.SLOW_READY) {
                ReplicationController latest = client.replicationControllers().inNamespace(namespace).withName(rcName).get();
                latest.getMetadata().getAnnotations().put("openshift.io/deployment.phase", "Complete");
                client.replicationControllers().inNamespace(namespace).resource(latest).update();
                configStatus(name, generation, version, replicas, replicas);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closing) {
                e.printStackTrace();
            }
        }
    }

    private void configStatus(String name, long generation, long version, int replicas, int ready) {
        OpenShiftClient openshift = client.adapt(OpenShiftClient.class);
        DeploymentConfig dc = openshift.deploymentConfigs().inNamespace(namespace).withName(name).get();
        dc.setStatus(new DeploymentConfigStatusBuilder().withObservedGeneration(generation).withLatestVersion(version)
                .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready).build());
        lastConfigStatus.put(dc.getMetadata().getUid(), dc.getStatus());
        openshift.deploymentConfigs().inNamespace(namespace).resource(dc).updateStatus();
    }

    /** Moves one pod through the status shapes the kubelet and scheduler write for the behaviour. */
    private void act(String deployment, Pod pod, Behaviour behaviour) throws InterruptedException {
        String container = pod.getSpec().getContainers().get(0).getName();
        String image = pod.getSpec().getContainers().get(0).getImage();
        switch (behaviour) {
            case READY -> podStatus(pod, running(container, image, 0, true), true);
            case SLOW_READY -> {
                podStatus(pod, running(container, image, 0, false), false);
                Thread.sleep(1000); // a model that takes a second to load
                podStatus(pod, running(container, image, 0, true), true);
            }
            case NEVER_READY -> podStatus(pod, running(container, image, 0, false), false);
            case OOM_KILLED -> {
                podStatus(pod, running(container, image, 0, false), false);
                Thread.sleep(stepMillis);
                failureWritten.putIfAbsent(deployment, Instant.now());
                podStatus(pod, crashed(container, image, 1, "OOMKilled", 137), false);
                event(pod, "Warning", "BackOff", "Back-off restarting failed container " + container + " in pod " + pod.getMetadata().getName());
            }
            case CRASH_LOOP -> {
                podStatus(pod, crashed(container, image, 1, "Error", 1), false);
                Thread.sleep(stepMillis);
                failureWritten.putIfAbsent(deployment, Instant.now());
                podStatus(pod, crashed(container, image, 2, "Error", 1), false);
                event(pod, "Warning", "BackOff", "Back-off restarting failed container " + container + " in pod " + pod.getMetadata().getName());
            }
            case IMAGE_PULL -> {
                failureWritten.putIfAbsent(deployment, Instant.now());
                pending(pod, waiting(container, image, "ErrImagePull",
                        "rpc error: code = NotFound desc = failed to pull and unpack image \"" + image + "\": not found"));
                event(pod, "Warning", "Failed", "Failed to pull image \"" + image + "\": not found");
            }
            case CONFIG_ERROR -> {
                failureWritten.putIfAbsent(deployment, Instant.now());
                pending(pod, waiting(container, image, "CreateContainerConfigError", "secret \"iris-secrets\" not found"));
                event(pod, "Warning", "Failed", "Error: secret \"iris-secrets\" not found");
            }
            case UNSCHEDULABLE -> {
                failureWritten.putIfAbsent(deployment, Instant.now());
                client.pods().inNamespace(namespace).resource(withStatus(pod, new PodStatusBuilder().withPhase("Pending")
                        .withConditions(new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                                .withReason("Unschedulable").withMessage("0/3 nodes are available: 3 Insufficient memory.").build())
                        .build())).updateStatus();
                event(pod, "Warning", "FailedScheduling", "0/3 nodes are available: 3 Insufficient memory.");
            }
            case PROGRESS_DEADLINE -> pending(pod, waiting(container, image, "ContainerCreating", null));
        }
    }

    private void serveLogs(Pod pod, Behaviour behaviour) {
        String container = pod.getSpec().getContainers().get(0).getName();
        String base = "/api/v1/namespaces/" + namespace + "/pods/" + pod.getMetadata().getName() + "/log?pretty=false&container=" + container;
        String current = "loading model " + pod.getSpec().getContainers().get(0).getImage() + "\nserving on :8080\n";
        String previous = switch (behaviour) {
            case OOM_KILLED -> "loading model\nallocating 40 MiB of model weights\n";
            case CRASH_LOOP -> "loading model\nerror: model file /models/iris.json not found\n";
            default -> "";
        };
        for (String tail : new String[] {"", "&tailLines=20"}) {
            server.expect().get().withPath(base + tail).andReturn(200, current).always();
            server.expect().get().withPath(base + "&previous=true" + tail).andReturn(200, previous).always();
        }
    }

    private void deploymentStatus(String name, long generation, int replicas, int ready,
                                  io.fabric8.kubernetes.api.model.apps.DeploymentCondition condition) {
        Deployment d = client.apps().deployments().inNamespace(namespace).withName(name).get();
        d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(replicas - ready).withConditions(condition).build());
        lastStatus.put(d.getMetadata().getUid(), d.getStatus());
        client.apps().deployments().inNamespace(namespace).resource(d).updateStatus();
    }

    private static io.fabric8.kubernetes.api.model.apps.DeploymentCondition progressing(String status, String reason) {
        return new DeploymentConditionBuilder().withType("Progressing").withStatus(status).withReason(reason)
                .withMessage("ProgressDeadlineExceeded".equals(reason) ? "ReplicaSet has timed out progressing." : "ReplicaSet is progressing.")
                .build();
    }

    private void podStatus(Pod pod, ContainerStatus container, boolean ready) {
        client.pods().inNamespace(namespace).resource(withStatus(pod, new PodStatusBuilder().withPhase("Running")
                .withConditions(condition("PodScheduled", "True"), condition("Ready", ready ? "True" : "False"))
                .withContainerStatuses(container).build())).updateStatus();
    }

    private void pending(Pod pod, ContainerStatus container) {
        client.pods().inNamespace(namespace).resource(withStatus(pod, new PodStatusBuilder().withPhase("Pending")
                .withConditions(condition("PodScheduled", "True"), condition("Ready", "False"))
                .withContainerStatuses(container).build())).updateStatus();
    }

    private Pod withStatus(Pod pod, PodStatus status) {
        Pod latest = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).get();
        latest.setStatus(status);
        return latest;
    }

    private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, String status) {
        return new PodConditionBuilder().withType(type).withStatus(status).build();
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now());
    }

    private static ContainerStatus running(String name, String image, int restarts, boolean ready) {
        return new ContainerStatusBuilder().withName(name).withImage(image).withReady(ready).withRestartCount(restarts)
                .withNewState().withNewRunning().withStartedAt(now()).endRunning().endState().build();
    }

    /** The shape after a kill: waiting in CrashLoopBackOff, the killed instance in lastState. */
    private static ContainerStatus crashed(String name, String image, int restarts, String reason, int exitCode) {
        return new ContainerStatusBuilder().withName(name).withImage(image).withReady(false).withRestartCount(restarts)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff")
                    .withMessage("back-off 10s restarting failed container=" + name).endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason(reason).withExitCode(exitCode)
                    .withStartedAt(now()).withFinishedAt(now()).endTerminated().endLastState()
                .build();
    }

    private static ContainerStatus waiting(String name, String image, String reason, String message) {
        return new ContainerStatusBuilder().withName(name).withImage(image).withReady(false).withRestartCount(0)
                .withNewState().withNewWaiting().withReason(reason).withMessage(message).endWaiting().endState().build();
    }

    private void event(Pod pod, String type, String reason, String message) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName() + "." + Long.toHexString(System.nanoTime())).endMetadata()
                .withNewInvolvedObject().withKind("Pod").withName(pod.getMetadata().getName()).withNamespace(namespace).endInvolvedObject()
                .withType(type).withReason(reason).withMessage(message).withCount(1)
                .withFirstTimestamp(now()).withLastTimestamp(now())
                .build()).create();
    }

    @Override
    public void close() throws InterruptedException {
        closing = true;
        informer.close();
        configInformer.close();
        for (ExecutorService worker : workers.values()) {
            worker.shutdownNow();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
