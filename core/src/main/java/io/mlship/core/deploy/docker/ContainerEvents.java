package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows the Docker events of one container by name (start, oom, die, ...), as the daemon sends them,
 * from before it is created: an OOM kill is known from the daemon's own "oom" event even after the
 * restart policy has started the container again (which clears {@code State.OOMKilled}). The stream
 * starts a second before it is opened (so nothing between opening it and starting the container is
 * missed); events of other containers that had the same name then (the one just stopped and renamed)
 * are told apart by container id.
 */
final class ContainerEvents implements Closeable {

    /** One event: what happened, and the exit code for "die". */
    record Seen(Instant at, String containerId, String action, Optional<Integer> exitCode) {
        String describe() {
            return at + " " + action + exitCode.map(c -> " exitCode=" + c).orElse("");
        }
    }

    private final List<Seen> seen = new ArrayList<>();
    private String containerId = "";
    private Instant startedAt = Instant.EPOCH;
    private final ResultCallback.Adapter<Event> stream;

    ContainerEvents(DockerClient docker, String containerName) {
        this.stream = docker.eventsCmd()
                .withContainerFilter(containerName)
                .withSince(Long.toString(Instant.now().getEpochSecond() - 1))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        String action = event.getAction() != null ? event.getAction() : event.getStatus();
                        String exit = event.getActor() == null || event.getActor().getAttributes() == null ? null
                                : event.getActor().getAttributes().get("exitCode");
                        Instant at = event.getTimeNano() != null ? Instant.ofEpochSecond(0, event.getTimeNano())
                                : event.getTime() != null ? Instant.ofEpochSecond(event.getTime()) : Instant.now();
                        record(new Seen(at, event.getId(), action, Optional.ofNullable(exit).map(Integer::valueOf)));
                    }
                });
    }

    private synchronized void record(Seen event) {
        seen.add(event);
        notifyAll();
    }

    /**
     * Only events of this container from its first "start" after {@code lastFinished} count (its
     * {@code State.FinishedAt} before we start it, on the daemon's clock like the events' own times):
     * a restored container's "die" from when it was stopped earlier is history, not a failure.
     */
    synchronized void follow(String id, Instant lastFinished) {
        containerId = id;
        startedAt = lastFinished;
        notifyAll();
    }

    synchronized List<Seen> all() {
        List<Seen> mine = new ArrayList<>();
        for (Seen e : seen) {
            if (!containerId.equals(e.containerId())) {
                continue;
            }
            if (mine.isEmpty() && !("start".equals(e.action()) && e.at().isAfter(startedAt))) {
                continue; // before the start we caused
            }
            mine.add(e);
        }
        return mine;
    }

    synchronized Optional<Seen> firstDeath() {
        return all().stream().filter(e -> "die".equals(e.action())).findFirst();
    }

    synchronized boolean oomKilled() {
        return all().stream().anyMatch(e -> "oom".equals(e.action()));
    }

    synchronized int restarts() {
        return (int) Math.max(0, all().stream().filter(e -> "start".equals(e.action())).count() - 1);
    }

    /** Waits (without polling) until the container died or the time is up. */
    synchronized void awaitDeath(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (firstDeath().isEmpty() && System.currentTimeMillis() < end) {
            wait(Math.max(1, end - System.currentTimeMillis()));
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
