package io.mlship.core.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deploy lock on the mock API server: renewed while held, taken over when its holder stopped renewing it. */
class DeployLeaseTest {

    MockCluster cluster;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private Lease lease() {
        return cluster.client.leases().inNamespace(MockCluster.NAMESPACE).withName(DeployLease.leaseName("iris")).get();
    }

    @Test
    void aHeldLeaseIsRenewedSoOthersKeepWaitingUntilItIsReleased() throws Exception {
        try (DeployLease held = DeployLease.acquire(cluster.client, MockCluster.NAMESPACE, "iris", "pipeline a #1",
                Duration.ofMillis(1500), Duration.ofSeconds(1), LogSink.discarding())) {
            ZonedDateTime first = lease().getSpec().getRenewTime();
            Thread.sleep(2000); // longer than the lease duration: only renewals keep it valid

            assertThat(lease().getSpec().getRenewTime()).isAfter(first);
            List<String> console = new ArrayList<>();
            assertThatThrownBy(() -> DeployLease.acquire(cluster.client, MockCluster.NAMESPACE, "iris", "pipeline b #1",
                    Duration.ofMillis(1500), Duration.ofMillis(600), console::add))
                    .isInstanceOf(MlshipException.class)
                    .hasMessageContaining("still held by pipeline a #1");
            assertThat(console).singleElement().asString().startsWith("deploy of models/iris is held by pipeline a #1 since ");
        }
        assertThat(lease()).as("released on close").isNull();
    }

    @Test
    void aLeaseItsHolderStoppedRenewingIsTakenOver() throws Exception {
        // What a killed JVM leaves behind: its lease, last renewed 10 s ago, with a 1 s duration.
        ZonedDateTime before = ZonedDateTime.now().minusSeconds(10);
        cluster.client.leases().inNamespace(MockCluster.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata().withName(DeployLease.leaseName("iris")).endMetadata()
                .withNewSpec().withHolderIdentity("pipeline a #1").withAcquireTime(before).withRenewTime(before)
                .withLeaseDurationSeconds(1).endSpec().build()).create();
        List<String> console = new ArrayList<>();

        try (DeployLease taken = DeployLease.acquire(cluster.client, MockCluster.NAMESPACE, "iris", "pipeline b #1",
                Duration.ofSeconds(30), Duration.ofSeconds(5), console::add)) {
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("pipeline b #1");
            assertThat(console).anyMatch(l -> l.contains("of pipeline a #1 expired; taking it over"));
        }
    }

    @Test
    void aFreshLeaseWhoseHolderOnThisHostIsGoneIsTakenOverAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        io.mlship.core.docker.ProcessOwner me = io.mlship.core.docker.ProcessOwner.current();
        String deadOwner = new io.mlship.core.docker.ProcessOwner(me.host(), me.boot(), gone.pid(),
                gone.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L)).label();
        ZonedDateTime now = ZonedDateTime.now();
        cluster.client.leases().inNamespace(MockCluster.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata().withName(DeployLease.leaseName("iris"))
                .withAnnotations(java.util.Map.of(io.mlship.core.docker.ProcessOwner.LABEL, deadOwner)).endMetadata()
                .withNewSpec().withHolderIdentity("cli killed").withAcquireTime(now).withRenewTime(now)
                .withLeaseDurationSeconds(300).endSpec().build()).create();
        List<String> console = new ArrayList<>();

        long start = System.nanoTime();
        try (DeployLease taken = DeployLease.acquire(cluster.client, MockCluster.NAMESPACE, "iris", "cli next",
                Duration.ofSeconds(30), Duration.ofSeconds(20), console::add)) {
            assertThat(lease().getSpec().getHolderIdentity()).isEqualTo("cli next");
            assertThat(console).anyMatch(l -> l.contains("of cli killed is held by a process on this host that is gone"));
        }
        assertThat((System.nanoTime() - start) / 1_000_000_000).as("no wait for the 300 s lease").isLessThan(10);
    }
}
