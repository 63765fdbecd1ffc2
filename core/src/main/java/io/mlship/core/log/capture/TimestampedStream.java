package io.mlship.core.log.capture;

import java.time.Instant;

/**
 * A log stream whose lines carry their source's time stamps and which can be opened again from a
 * point in time: Docker container logs, Kubernetes pod logs. {@link ResumableFollow} uses it to go on
 * after the stream breaks.
 */
public interface TimestampedStream {

    /** Receives one line with its time stamp. */
    interface LineReceiver {
        void line(Instant timestamp, String text);
    }

    /**
     * Delivers the lines from {@code since} on (all of them when null), following new ones, and returns
     * when the stream ends or breaks; a broken connection may also surface as an exception. The source
     * may start earlier than asked (Docker and Kubernetes take whole seconds): the caller skips what it has.
     */
    void open(Instant since, LineReceiver receiver) throws Exception;

    /** Whether the source has nothing more to say (the container or pod has ended), so an ended stream is final. */
    boolean finished();

    /** Stops a stream that {@link #open} is delivering, from another thread. */
    void interrupt();
}
