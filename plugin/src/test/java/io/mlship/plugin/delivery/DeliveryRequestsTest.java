package io.mlship.plugin.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked path: permission first (403, nothing read), then the parameter, then eligibility decided again, then the queue. */
class DeliveryRequestsTest {

    /** Counts reads, so a test can show a denied request read nothing. */
    static final class CountingHistory implements History {
        final List<BuildRecord> builds;
        int reads;

        CountingHistory(List<BuildRecord> builds) {
            this.builds = builds;
        }

        @Override
        public List<BuildRecord> recentBuilds() {
            reads++;
            return builds;
        }
    }

    record FixedAccess(boolean canRead, boolean canBuild) implements DeliveryRequests.Access {
    }

    static final class RecordingScheduler implements DeliveryRequests.Scheduler {
        final List<DeliveryRequest> scheduled = new ArrayList<>();
        boolean accept = true;

        @Override
        public boolean schedule(DeliveryRequest request) {
            scheduled.add(request);
            return accept;
        }
    }

    final CountingHistory history = new CountingHistory(List.of(
            DeliveryTest.shipped(2, DeliveryTest.DIGEST_2).deploy(DeliveryTest.deployed(2)).build(),
            DeliveryTest.shipped(1, DeliveryTest.DIGEST_1).deploy(DeliveryTest.deployed(1)).build()));
    final RecordingScheduler scheduler = new RecordingScheduler();

    @Test
    void withoutBuildPermissionEveryRequestIs403AndNothingIsRead() {
        DeliveryRequests requests = new DeliveryRequests(new FixedAccess(true, false), history, scheduler);

        for (DeliveryRequests.Reply reply : List.of(requests.promote("2"), requests.promote("not a number"),
                requests.rollback("1", "docker", "iris"), requests.rollback(null, null, null))) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.message()).contains("Job/Build permission");
        }
        assertThat(history.reads).isZero();
        assertThat(scheduler.scheduled).isEmpty();
    }

    @Test
    void withoutReadPermissionTheCardReadsNothing() {
        assertThat(new DeliveryRequests(new FixedAccess(false, true), history, scheduler).read()).isEmpty();
        assertThat(history.reads).isZero();
        assertThat(new DeliveryRequests(new FixedAccess(true, false), history, scheduler).read()).isPresent();
    }

    @Test
    void anEligibleBuildIsQueuedWithItsRequest() {
        DeliveryRequests.Reply reply = new DeliveryRequests(new FixedAccess(true, true), history, scheduler).promote("1");

        assertThat(reply.ok()).isTrue();
        assertThat(reply.message()).isEqualTo("queued: Promote of build #1: 127.0.0.1:5001/iris-model@" + DeliveryTest.DIGEST_1);
        assertThat(scheduler.scheduled).containsExactly(reply.request());
    }

    @Test
    void badOrUnknownOrIneligibleBuildsAreRefusedWithWhatToDoAndNothingIsQueued() {
        DeliveryRequests requests = new DeliveryRequests(new FixedAccess(true, true), history, scheduler);

        assertThat(requests.promote(null)).extracting(DeliveryRequests.Reply::status, DeliveryRequests.Reply::message)
                .containsExactly(400, "the build parameter must be a build number (got none)");
        assertThat(requests.promote("-1").status()).isEqualTo(400);
        assertThat(requests.promote("99999999999").status()).isEqualTo(400);
        assertThat(requests.promote("3").status()).isEqualTo(404);
        assertThat(requests.rollback("1", "docker", " ").status()).isEqualTo(400);
        assertThat(requests.rollback("2", "docker", "iris")).extracting(DeliveryRequests.Reply::status, DeliveryRequests.Reply::message)
                .containsExactly(409, "cannot roll back to build #2: build #2 is not the one to roll back to: before the current "
                        + "127.0.0.1:5001/iris-model:2, docker iris ran 127.0.0.1:5001/iris-model:1 deployed by build #1 (reload the page)");
        assertThat(scheduler.scheduled).isEmpty();
    }

    @Test
    void aRollbackIsQueuedAndARefusedQueueIsReported() {
        DeliveryRequests requests = new DeliveryRequests(new FixedAccess(true, true), history, scheduler);
        assertThat(requests.rollback("1", "docker", "iris").request().image()).isEqualTo("127.0.0.1:5001/iris-model:1");

        scheduler.accept = false;
        assertThat(requests.promote("2")).extracting(DeliveryRequests.Reply::status, DeliveryRequests.Reply::message)
                .containsExactly(409, "Jenkins did not queue a build to promote build #2 (is the job disabled?)");
    }
}
