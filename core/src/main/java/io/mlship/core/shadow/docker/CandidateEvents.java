package io.mlship.core.shadow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.mlship.core.shadow.judge.CandidateHealth;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * The candidate container's Docker events as they arrive: "oom" counts an OOM kill, a second "start" a restart, and
 * "die" (the shadow runs it without a restart policy) is fatal. The judge polls {@link #now()}, so a kill aborts
 * the shadow from the daemon's own event, not from a later scrape.
 */
final class CandidateEvents implements Closeable, CandidateHealth.Watch {

    private final ResultCallback.Adapter<Event> stream;
    private int ooms;
    private int starts;
    private String fatal;

    private final String role;

    /** {@code role} names the container in the fatal reason: "candidate", or "comparator" (whose death also ends a shadow). */
    CandidateEvents(DockerClient docker, String containerName, String role) {
        this.role = role;
        this.stream = docker.eventsCmd().withContainerFilter(containerName)
                .withSince(Long.toString(Instant.now().getEpochSecond() - 1))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        String action = event.getAction() != null ? event.getAction() : event.getStatus();
                        String exit = event.getActor() == null || event.getActor().getAttributes() == null ? null
                                : event.getActor().getAttributes().get("exitCode");
                        seen(action == null ? "" : action, exit);
                    }
                });
    }

    private synchronized void seen(String action, String exitCode) {
        switch (action) {
            case "oom" -> ooms++;
            case "start" -> starts++;
            case "die" -> {
                if (fatal == null) {
                    fatal = "the " + role + " container exited (exit code " + (exitCode == null ? "?" : exitCode)
                            + (ooms > 0 || "137".equals(exitCode) ? ", killed" : "") + ")";
                }
            }
            default -> { }
        }
    }

    @Override
    public synchronized CandidateHealth now() {
        return new CandidateHealth(ooms, Math.max(0, starts - 1), Optional.ofNullable(fatal));
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
