package io.mlship.plugin.delivery;

import java.util.List;

/** A job's recent builds, newest first. Reading it loads builds, so it is asked only after the permission check. */
public interface History {

    /** How many builds the card and the eligibility re-check look at. */
    int WINDOW = 50;

    /** At most {@link #WINDOW} builds, newest first. */
    List<BuildRecord> recentBuilds();
}
