package io.mlship.plugin.delivery;

import java.util.Optional;

/**
 * The one checked path of the Promote and Rollback buttons. Every handler asks {@link Access#canBuild()} first and
 * answers 403 before it parses a parameter or reads a build; then it decides eligibility again from the builds as
 * they are now and hands the request to the {@link Scheduler}. The card's reads go through {@link #read()}.
 */
public final class DeliveryRequests {

    /** The current user's permissions on the job (Jenkins: Item.READ, Item.BUILD). */
    public interface Access {
        boolean canRead();

        boolean canBuild();
    }

    /** Queues a build of the job carrying the request; false when Jenkins refused to queue one. */
    public interface Scheduler {
        boolean schedule(DeliveryRequest request);
    }

    /** An HTTP answer: 200 with the request that was queued, or an error status with what to do. */
    public record Reply(int status, String message, DeliveryRequest request) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final Access access;
    private final History history;
    private final Scheduler scheduler;

    public DeliveryRequests(Access access, History history, Scheduler scheduler) {
        this.access = access;
        this.history = history;
        this.scheduler = scheduler;
    }

    /** The decisions the card shows, or empty without Item.READ (then no build is read). */
    public Optional<Delivery> read() {
        return access.canRead() ? Optional.of(new Delivery(history.recentBuilds())) : Optional.empty();
    }

    /** Whether the user may press the buttons (for showing them; every handler checks again). */
    public boolean canBuild() {
        return access.canBuild();
    }

    /** POST promote?build=N. */
    public Reply promote(String build) {
        if (!access.canBuild()) {
            return forbidden();
        }
        Integer number = number(build);
        if (number == null) {
            return badBuild(build);
        }
        return schedule(new Delivery(history.recentBuilds()).promotion(number), "promote build #" + number);
    }

    /** POST rollback?build=N&amp;target=T&amp;object=O. */
    public Reply rollback(String build, String target, String object) {
        if (!access.canBuild()) {
            return forbidden();
        }
        Integer number = number(build);
        if (number == null) {
            return badBuild(build);
        }
        if (isBlank(target) || isBlank(object)) {
            return new Reply(400, "rollback needs the target and object of the live deployment (the form on the job page sends them)", null);
        }
        return schedule(new Delivery(history.recentBuilds()).rollback(number, target, object), "roll back to build #" + number);
    }

    private Reply schedule(Eligibility decision, String what) {
        if (decision.unknownBuild()) {
            return new Reply(404, "cannot " + what + ": " + String.join("; ", decision.reasons()), null);
        }
        if (!decision.eligible()) {
            return new Reply(409, "cannot " + what + ": " + String.join("; ", decision.reasons()), null);
        }
        if (!scheduler.schedule(decision.request())) {
            return new Reply(409, "Jenkins did not queue a build to " + what + " (is the job disabled?)", null);
        }
        return new Reply(200, "queued: " + decision.request().describe(), decision.request());
    }

    private static Reply forbidden() {
        return new Reply(403, "you need the Job/Build permission on this job to promote or roll back", null);
    }

    private static Reply badBuild(String build) {
        return new Reply(400, "the build parameter must be a build number (got " + (build == null ? "none" : "'" + build + "'") + ")", null);
    }

    private static Integer number(String value) {
        if (value == null || !value.trim().matches("[1-9][0-9]{0,9}")) {
            return null;
        }
        long n = Long.parseLong(value.trim());
        return n > Integer.MAX_VALUE ? null : (int) n;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
