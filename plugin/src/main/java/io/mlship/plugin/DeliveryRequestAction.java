package io.mlship.plugin;

import hudson.model.Action;
import hudson.model.Queue;
import io.mlship.plugin.delivery.DeliveryRequest;
import java.util.List;

/**
 * The Promote or Rollback request a job-page button queued, carried by the queue item into the build it starts
 * (and saved with it, so plain fields only). {@link DeliveryEnvironment} gives it to the pipeline as
 * MLSHIP_REQUEST, MLSHIP_SOURCE_BUILD, MLSHIP_IMAGE and MLSHIP_TARGET; the build page shows it.
 */
public final class DeliveryRequestAction extends SummaryAction implements Queue.QueueAction {

    private final String request;
    private final int sourceBuild;
    private final String image;
    private final String target;
    private final String object;

    DeliveryRequestAction(DeliveryRequest r) {
        this.request = r.kind().value();
        this.sourceBuild = r.sourceBuild();
        this.image = r.image();
        this.target = r.target();
        this.object = r.object();
    }

    public DeliveryRequest request() {
        return new DeliveryRequest(DeliveryRequest.Kind.of(request), sourceBuild, image, target, object);
    }

    /**
     * A second click while the same request is still queued is folded into the queued build (its cause is added
     * there) instead of queueing another; a different request, or a plain "Build Now", is queued on its own.
     */
    @Override
    public boolean shouldSchedule(List<Action> actions) {
        DeliveryRequest mine = request();
        return actions.stream().filter(DeliveryRequestAction.class::isInstance)
                .noneMatch(a -> ((DeliveryRequestAction) a).request().equals(mine));
    }

    public String getDescription() {
        return request().describe();
    }

    @Override
    public String getDisplayName() {
        return getDescription();
    }
}
