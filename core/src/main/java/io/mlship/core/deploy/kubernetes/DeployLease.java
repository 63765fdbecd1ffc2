package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serializes deploys of one object across pipelines, Jenkins controllers and laptops: a
 * {@code coordination.k8s.io/v1} Lease {@code mlship-deploy-<name>} in the namespace, created with
 * create-only semantics (the API server lets exactly one creator win) and deleted when the deploy ends.
 * While held it is renewed every third of its duration; a second deploy waits (watching the Lease, not
 * polling) and says who holds it. A Lease not renewed within its duration is taken over, so a crashed
 * holder blocks others for one lease duration at most; one on this host that is gone (its owner annotation,
 * see ProcessOwner) not even that.
 */
final class DeployLease implements AutoCloseable {

    private static final int CONFLICT = 409;

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String holder;
    private final ScheduledExecutorService renewer;

    private DeployLease(KubernetesClient client, String namespace, String leaseName, String holder, Duration leaseDuration) {
        this.client = client;
        this.namespace = namespace;
        this.leaseName = leaseName;
        this.holder = holder;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "mlship-lease-" + leaseName);
            thread.setDaemon(true);
            return thread;
        });
        long period = Math.max(1, leaseDuration.toMillis() / 3);
        renewer.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Moves renewTime on; a failed renewal is retried at the next period (the lease outlives two misses). */
    private void renew() {
        try {
            client.leases().inNamespace(namespace).withName(leaseName).edit(lease -> {
                if (lease.getSpec() != null && holder.equals(lease.getSpec().getHolderIdentity())) {
                    lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                }
                return lease;
            });
        } catch (RuntimeException e) {
            // next period; close() still deletes the lease if it is ours
        }
    }

    public static String leaseName(String deployName) {
        return "mlship-deploy-" + deployName;
    }

    public static DeployLease acquire(KubernetesClient client, String namespace, String name, String holder,
                                      Duration leaseDuration, Duration waitTimeout, LogSink console) throws InterruptedException {
        String leaseName = leaseName(name);
        Instant giveUp = Instant.now().plus(waitTimeout);
        boolean told = false;
        while (true) {
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            Lease lease = new LeaseBuilder()
                    .withNewMetadata().withName(leaseName).withNamespace(namespace).withLabels(ModelLabels.all(name))
                    .withAnnotations(java.util.Map.of(ProcessOwner.LABEL, ProcessOwner.current().label())).endMetadata()
                    .withNewSpec().withHolderIdentity(holder).withAcquireTime(now).withRenewTime(now)
                    .withLeaseDurationSeconds((int) leaseDuration.toSeconds()).endSpec()
                    .build();
            try {
                client.leases().inNamespace(namespace).resource(lease).create();
                return new DeployLease(client, namespace, leaseName, holder, leaseDuration);
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
            }
            Lease held = client.leases().inNamespace(namespace).withName(leaseName).get();
            if (held == null) {
                continue; // released between our create and our read
            }
            if (expired(held) || ownerGone(held)) {
                console.line("deploy lock " + namespace + "/" + leaseName + " of " + held.getSpec().getHolderIdentity()
                        + (expired(held) ? " expired" : " is held by a process on this host that is gone (killed)")
                        + "; taking it over");
                client.leases().inNamespace(namespace).withName(leaseName).delete();
                continue;
            }
            String since = held.getSpec().getAcquireTime() == null ? "an unknown time"
                    : held.getSpec().getAcquireTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            if (!Instant.now().isBefore(giveUp)) {
                throw new MlshipException("deploy of " + namespace + "/" + name + " is still held by "
                        + held.getSpec().getHolderIdentity() + " since " + since + " after waiting " + waitTimeout.toSeconds()
                        + " s; try again when it has finished, or delete the Lease " + namespace + "/" + leaseName
                        + " if that deploy is gone");
            }
            if (!told) {
                console.line("deploy of " + namespace + "/" + name + " is held by " + held.getSpec().getHolderIdentity()
                        + " since " + since + "; waiting");
                told = true;
            }
            awaitRelease(client, held, giveUp);
        }
    }

    /** The holder ran on this host and was killed: no need to wait for the Lease to expire. */
    private static boolean ownerGone(Lease lease) {
        return lease.getMetadata().getAnnotations() != null
                && ProcessOwner.isDead(lease.getMetadata().getAnnotations().get(ProcessOwner.LABEL));
    }

    private static boolean expired(Lease lease) {
        if (lease.getSpec().getRenewTime() == null || lease.getSpec().getLeaseDurationSeconds() == null) {
            return false;
        }
        return lease.getSpec().getRenewTime().toInstant().plusSeconds(lease.getSpec().getLeaseDurationSeconds())
                .isBefore(Instant.now());
    }

    /** Blocks until the Lease is deleted (or changes hands), it expires, or the wait ends. */
    private static void awaitRelease(KubernetesClient client, Lease held, Instant giveUp) throws InterruptedException {
        CountDownLatch changed = new CountDownLatch(1);
        String name = held.getMetadata().getName();
        try (Watch watch = client.leases().inNamespace(held.getMetadata().getNamespace()).withName(name)
                .withResourceVersion(held.getMetadata().getResourceVersion())
                .watch(new Watcher<Lease>() {
                    @Override
                    public void eventReceived(Action action, Lease lease) {
                        changed.countDown();
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        changed.countDown();
                    }
                })) {
            Instant wakeUp = giveUp;
            if (held.getSpec().getRenewTime() != null && held.getSpec().getLeaseDurationSeconds() != null) {
                Instant expiry = held.getSpec().getRenewTime().toInstant().plusSeconds(held.getSpec().getLeaseDurationSeconds());
                wakeUp = expiry.isBefore(wakeUp) ? expiry : wakeUp;
            }
            changed.await(Math.max(1, Duration.between(Instant.now(), wakeUp).toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        Lease current = client.leases().inNamespace(namespace).withName(leaseName).get();
        if (current != null && holder.equals(current.getSpec().getHolderIdentity())) {
            client.leases().inNamespace(namespace).withName(leaseName).delete();
        }
    }
}
