package io.mlship.core.log.capture;

import java.time.Duration;
import java.time.Instant;

/**
 * Follows a {@link TimestampedStream} to its real end: when the stream breaks (the API server closes a
 * watch, the daemon restarts) while its source still runs, it is opened again from the last time
 * stamp seen. Lines already delivered are skipped by time stamp, and among lines with that very time
 * stamp by count, so at the seam no line is lost and none is stored twice.
 */
public final class ResumableFollow {

    /** How a follow ended: lines delivered, reconnections made, and whether it gave up. */
    public record Outcome(long lines, int reconnects, boolean gaveUp, String lastProblem) {
    }

    private final TimestampedStream stream;
    private final TimestampedStream.LineReceiver sink;
    private final int maxReconnects;
    private final Duration pause;
    private volatile boolean stopped;
    private Instant lastSeen;
    private long seenAtLast;
    private long delivered;
    private Instant resumeFrom;
    private long toSkipAtSeam;
    private RuntimeException sinkFailure;
    private long generation;
    private final java.util.List<String> textsAtLast = new java.util.ArrayList<>();

    /** @param sink where the lines go, typically a {@link LogSource}'s {@code line(Instant, String)} */
    public ResumableFollow(TimestampedStream stream, TimestampedStream.LineReceiver sink, int maxReconnects, Duration pause) {
        this.stream = stream;
        this.sink = sink;
        this.maxReconnects = maxReconnects;
        this.pause = pause;
    }

    /** Follows until the source is finished, {@link #stop()} is called, or reconnecting failed too often in a row. */
    public Outcome follow() throws InterruptedException {
        int reconnects = 0;
        int failuresInARow = 0;
        boolean drained = false;
        String problem = "";
        while (!stopped) {
            long before = delivered();
            long opening;
            synchronized (this) {
                resumeFrom = lastSeen; // the seam: skip what was delivered up to here
                toSkipAtSeam = seenAtLast;
                opening = ++generation;
            }
            try {
                stream.open(lastSeen(), (timestamp, text) -> receive(opening, timestamp, text));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                problem = e.toString();
            }
            if (stopped) {
                break;
            }
            if (stream.finished()) {
                // The stream may have been cut just before the source ended: openings from the last line seen
                // deliver whatever came after it (and end at once, the source being done) until one brings nothing.
                if (drained && delivered() == before) {
                    break;
                }
                drained = true;
                continue;
            }
            failuresInARow = delivered() > before ? 0 : failuresInARow + 1;
            if (failuresInARow > maxReconnects) {
                sink.line(Instant.now(), "mlship: the log stream broke " + failuresInARow + " times in a row without new lines ("
                        + (problem.isEmpty() ? "closed by the other side" : problem) + "); stopped following");
                return new Outcome(delivered(), reconnects, true, problem);
            }
            reconnects++;
            Thread.sleep(pause.toMillis());
        }
        synchronized (this) {
            if (sinkFailure != null) {
                throw sinkFailure; // the lines could not be stored: following on would only lose more
            }
        }
        return new Outcome(delivered(), reconnects, false, problem);
    }

    /** Ends the follow from another thread (after its source was judged and removed, say). */
    public void stop() {
        stopped = true;
        stream.interrupt();
    }

    private synchronized long delivered() {
        return delivered;
    }

    private synchronized Instant lastSeen() {
        return lastSeen;
    }

    private synchronized void receive(long opening, Instant timestamp, String text) {
        if (opening != generation) {
            return; // a late line of a stream already given up: the current opening delivers it again
        }
        if (resumeFrom != null) {
            if (timestamp.isBefore(resumeFrom)) {
                return; // delivered before the stream broke
            }
            if (timestamp.equals(resumeFrom) && toSkipAtSeam > 0) {
                toSkipAtSeam--; // same time stamp as the last line seen: the first ones of them were delivered
                return;
            }
            resumeFrom = null;
        }
        if (sinkFailure != null) {
            return;
        }
        if (timestamp.equals(lastSeen) && textsAtLast.contains(text)) {
            // The very line again (same nanosecond stamp, same text): Docker can hand a line twice where its
            // follow switches from the file to new writes; no two real lines share a stamp and a text.
            return;
        }
        try {
            sink.line(timestamp, text); // first: a line counts as seen only once it is stored
        } catch (RuntimeException e) {
            sinkFailure = e;
            stopped = true;
            stream.interrupt();
            return;
        }
        if (timestamp.equals(lastSeen)) {
            seenAtLast++;
        } else {
            lastSeen = timestamp;
            seenAtLast = 1;
            textsAtLast.clear();
        }
        textsAtLast.add(text);
        delivered++;
    }
}
