package io.mlship.plugin;

import hudson.model.Action;
import hudson.model.Job;
import io.mlship.plugin.delivery.Delivery;
import io.mlship.plugin.delivery.DeliveryRequests;
import io.mlship.plugin.delivery.Verdict;
import java.util.function.Function;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.interceptor.RequirePOST;

/**
 * The job page's "ML delivery" card ({@code jobMain.jelly}): what is live where and the Promote and Rollback
 * buttons. The buttons are plain POST forms; each handler is one call into {@link DeliveryRequests}, which checks
 * Job/Build before it reads anything and decides eligibility again on the server. No side-panel link.
 */
public final class DeliveryAction implements Action {

    static final String URL_NAME = "ml-delivery";

    private final DeliveryRequests requests;
    private final String jobUrl;
    private final Function<DeliveryRequests.Reply, HttpResponse> respond;

    DeliveryAction(DeliveryRequests requests, String jobUrl, Function<DeliveryRequests.Reply, HttpResponse> respond) {
        this.requests = requests;
        this.jobUrl = jobUrl;
        this.respond = respond;
    }

    static DeliveryAction of(Job<?, ?> job) {
        JobDelivery delivery = new JobDelivery(job);
        return new DeliveryAction(new DeliveryRequests(delivery, delivery, delivery), job.getUrl(), DeliveryAction::http);
    }

    /** Queued: back to the job page, where the new build shows; refused: the status with what to do. */
    static HttpResponse http(DeliveryRequests.Reply reply) {
        return reply.ok() ? HttpResponses.redirectTo("..") : HttpResponses.errorWithoutStack(reply.status(), reply.message());
    }

    @RequirePOST
    public HttpResponse doPromote(@QueryParameter("build") String build) {
        return respond.apply(requests.promote(build));
    }

    @RequirePOST
    public HttpResponse doRollback(@QueryParameter("build") String build, @QueryParameter("target") String target,
                                   @QueryParameter("object") String object) {
        return respond.apply(requests.rollback(build, target, object));
    }

    /** What the card shows, or null without Job/Read. */
    public Delivery getDelivery() {
        return requests.read().orElse(null);
    }

    /** A verdict cell: "none", "passed: …" or "FAILED: …". */
    public String verdict(Verdict v) {
        if (v == null) {
            return "none";
        }
        return (v.passed() ? "passed" : "FAILED") + (v.detail() == null ? "" : ": " + v.detail());
    }

    /** Whether to show the buttons (the handlers check again). */
    public boolean isBuildAllowed() {
        return requests.canBuild();
    }

    /** The job's URL relative to Jenkins' root, e.g. {@code job/iris/}. */
    public String getJobUrl() {
        return jobUrl;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "ML delivery";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }
}
