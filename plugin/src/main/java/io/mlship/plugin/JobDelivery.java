package io.mlship.plugin;

import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.mlship.plugin.delivery.BuildRecord;
import io.mlship.plugin.delivery.BuiltImage;
import io.mlship.plugin.delivery.DeliveryRequest;
import io.mlship.plugin.delivery.DeliveryRequests;
import io.mlship.plugin.delivery.DeployRecord;
import io.mlship.plugin.delivery.History;
import io.mlship.plugin.delivery.Verdict;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.ParameterizedJobMixIn;

/** A Jenkins job as the delivery logic sees it: the user's permissions on it, its recent builds, its queue. */
final class JobDelivery implements DeliveryRequests.Access, History, DeliveryRequests.Scheduler {

    private final Job<?, ?> job;

    JobDelivery(Job<?, ?> job) {
        this.job = job;
    }

    @Override
    public boolean canRead() {
        return job.hasPermission(Item.READ);
    }

    @Override
    public boolean canBuild() {
        return job.hasPermission(Item.BUILD);
    }

    @Override
    public List<BuildRecord> recentBuilds() {
        return recent(job, WINDOW);
    }

    /** The build runs as any other: on an agent, with its log, credentials and stage view, started by this user. */
    @Override
    public boolean schedule(DeliveryRequest request) {
        return ParameterizedJobMixIn.scheduleBuild2(job, 0, new CauseAction(new Cause.UserIdCause()),
                new DeliveryRequestAction(request)) != null;
    }

    static List<BuildRecord> recent(Job<?, ?> job, int limit) {
        List<BuildRecord> builds = new ArrayList<>();
        for (Run<?, ?> run = job.getLastBuild(); run != null && builds.size() < limit; run = run.getPreviousBuild()) {
            builds.add(record(run));
        }
        return builds;
    }

    /** The build's reports in the order its steps attached them. */
    static BuildRecord record(Run<?, ?> run) {
        BuildRecord.Builder b = BuildRecord.builder(run.getNumber()).building(run.isBuilding())
                .result(run.getResult() == null ? null : run.getResult().toString());
        for (SummaryAction action : run.getActions(SummaryAction.class)) {
            if (action instanceof BuildImageAction a) {
                b.image(new BuiltImage(a.getImage(), a.getPushedReference(), a.getPushedDigest(), a.getCommit(), a.getProvenanceFile()));
            } else if (action instanceof ScanImageAction a) {
                b.scan(new Verdict(a.getImage(), a.isPassed(), a.getSummary()));
            } else if (action instanceof VerifyImageAction a) {
                b.verification(new Verdict(a.getImage(), a.isPassed(), verification(a)));
            } else if (action instanceof ShadowAction a) {
                b.shadow(new Verdict(a.getImage(), a.isPromoted(), a.getSummary()));
            } else if (action instanceof DeployAction a) {
                b.deploy(new DeployRecord(a.getTarget(), a.getObject(), a.getImage(), a.getOutcome()));
            } else if (action instanceof DeliveryRequestAction a) {
                b.request(a.request());
            }
        }
        return b.build();
    }

    /** "peak 80.0 MiB of 128.0 MiB" and the problems, the line the card shows. */
    private static String verification(VerifyImageAction a) {
        List<String> parts = new ArrayList<>();
        if (a.getPeakMemory() != null) {
            parts.add("peak " + a.getPeakMemory() + (a.getMemoryLimit() == null ? "" : " of " + a.getMemoryLimit()));
        }
        parts.addAll(a.getProblems());
        return parts.isEmpty() ? null : String.join("; ", parts);
    }
}
