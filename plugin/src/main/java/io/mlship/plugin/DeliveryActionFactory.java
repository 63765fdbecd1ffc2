package io.mlship.plugin;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.Job;
import java.util.Collection;
import java.util.List;
import jenkins.model.TransientActionFactory;

/** Adds the "ML delivery" card to every job whose recent builds ran an mlship step (any Job type, Pipeline included). */
@Extension
@SuppressWarnings("rawtypes")
public final class DeliveryActionFactory extends TransientActionFactory<Job> {

    /** Builds looked at to decide whether a job ships models; kept small since every job page asks. */
    static final int RECENT = 10;

    @Override
    public Class<Job> type() {
        return Job.class;
    }

    @Override
    public Collection<? extends Action> createFor(Job job) {
        Job<?, ?> j = job;
        boolean shipsModels = JobDelivery.recent(j, RECENT).stream().anyMatch(b -> b.ranMlship());
        return shipsModels ? List.of(DeliveryAction.of(j)) : List.of();
    }
}
