package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import io.mlship.core.MlshipException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The daemon's events for the container since it was created: {@code oom} (any OOM kill in its cgroup),
 * {@code die} with its exit code, {@code kill} with its signal. An oom followed within seconds by a die with 137 is
 * the container's own OOM kill (this is how a restarted container's past kill is found); an oom without one is a
 * child's. The daemon keeps only its most recent events in memory, so an old event may be gone: then the inspect
 * and the cgroup counter are the evidence.
 */
final class DockerEventsEvidence {

    static final String SOURCE = "docker events";
    private static final long OOM_TO_DIE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private DockerEventsEvidence() {
    }

    static void read(DockerClient docker, DockerContainer container, Instant until, Observations o) {
        List<Event> events = events(docker, container, until);
        Instant lastStart = Instant.parse(container.inspect().getState().getStartedAt());
        int ooms = 0;
        int oomsSinceStart = 0;
        int mainKills = 0;
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            String action = action(e);
            Map<String, String> attributes = e.getActor() == null || e.getActor().getAttributes() == null ? Map.of() : e.getActor().getAttributes();
            switch (action) {
                case "oom" -> {
                    ooms++;
                    if (nanos(e) >= lastStart.getEpochSecond() * 1_000_000_000L + lastStart.getNano()) {
                        oomsSinceStart++;
                    }
                    boolean died = false;
                    for (int j = i + 1; j < events.size() && nanos(events.get(j)) - nanos(e) <= OOM_TO_DIE_NANOS; j++) {
                        if (action(events.get(j)).equals("die") && "137".equals(attrs(events.get(j)).get("exitCode"))) {
                            died = true;
                            break;
                        }
                    }
                    if (died) {
                        mainKills++;
                    }
                    o.saw(SOURCE, "oom at " + Instant.ofEpochSecond(0, nanos(e)), died ? "container died with 137 right after" : "container lived on");
                }
                case "die" -> {
                    String code = attributes.get("exitCode");
                    o.saw(SOURCE, "die at " + Instant.ofEpochSecond(0, nanos(e)), "exitCode " + code);
                    if ("137".equals(code)) {
                        o.sigkill = true;
                    }
                }
                case "kill" -> {
                    String signal = attributes.get("signal");
                    o.saw(SOURCE, "kill at " + Instant.ofEpochSecond(0, nanos(e)), "signal " + signal);
                    if ("9".equals(signal) || "SIGKILL".equals(signal) || "KILL".equals(signal)) {
                        o.sigkill = true;
                    }
                }
                default -> { }
            }
        }
        if (mainKills > 0) {
            o.mainOomKilled = true;
        }
        // Every oom not followed by the container's own 137 is a child's, also one of an instance before a restart:
        // a model server whose master exits after a worker's kill dies seconds later (11 s seen on a loaded host),
        // past the oom-to-die window, and a restart policy may have started it again before the diagnosis looks.
        long children = ooms - mainKills;
        o.childOomKills = Math.max(o.childOomKills, children);
        if (container.running() && children > oomsSinceStart) {
            o.saw(SOURCE, "oom kills before the last start", children - oomsSinceStart);
        }
        if (events.isEmpty()) {
            o.saw(SOURCE, "events since creation", "none kept by the daemon");
        }
    }

    private static List<Event> events(DockerClient docker, DockerContainer container, Instant until) {
        long since = OffsetDateTime.parse(container.inspect().getCreated()).toEpochSecond();
        long end = Math.max(until.getEpochSecond() + 1, since + 1);
        List<Event> events = new ArrayList<>();
        ResultCallback.Adapter<Event> callback = docker.eventsCmd()
                .withSince(Long.toString(since)).withUntil(Long.toString(end))
                .withContainerFilter(container.id())
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        synchronized (events) {
                            events.add(event);
                        }
                    }
                });
        try {
            if (!callback.awaitCompletion(15, TimeUnit.SECONDS)) {
                throw new MlshipException("the Docker daemon did not finish listing the events of " + container.name() + " within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlshipException("interrupted while reading the events of " + container.name(), e);
        } finally {
            try {
                callback.close();
            } catch (java.io.IOException ignored) {
                // the stream has ended or failed; its events are read
            }
        }
        synchronized (events) {
            List<Event> sorted = new ArrayList<>(events);
            sorted.sort((a, b) -> Long.compare(nanos(a), nanos(b)));
            return sorted;
        }
    }

    private static String action(Event e) {
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        if (action == null) {
            return "";
        }
        int colon = action.indexOf(':'); // "exec_start: cat …"
        return colon < 0 ? action : action.substring(0, colon);
    }

    private static Map<String, String> attrs(Event e) {
        return e.getActor() == null || e.getActor().getAttributes() == null ? Map.of() : e.getActor().getAttributes();
    }

    private static long nanos(Event e) {
        return e.getTimeNano() != null ? e.getTimeNano() : e.getTime() * 1_000_000_000L;
    }
}
