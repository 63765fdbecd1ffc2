package io.mlship.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A termination signal (SIGTERM: Jenkins' Stop button, {@code docker stop}, {@code kill}) interrupts the command's
 * thread and waits for it to finish, so a deploy puts back what it changed and a verification removes its
 * container before the JVM exits. Without it the JVM would halt mid-way and leave the target half-deployed.
 *
 * <p>The hook waits on a latch, not on the thread: {@code main} calls {@code System.exit} after the command
 * returns, which blocks while hooks run, so joining the thread would deadlock.
 */
final class TerminationHandler {

    /** How long the hook lets a command clean up; the sender of SIGTERM usually sends SIGKILL later anyway. */
    static final Duration GRACE = Duration.ofSeconds(120);

    /** Set when a termination signal arrived: a failure after it is the stop, not a bug to print a stack trace for. */
    private static volatile boolean terminating;

    private final CountDownLatch finished = new CountDownLatch(1);

    static boolean terminating() {
        return terminating;
    }

    private TerminationHandler() {
    }

    static TerminationHandler install(Thread worker, PrintStream err) {
        TerminationHandler handler = new TerminationHandler();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> handler.onTermination(worker, err), "mlship-termination"));
        return handler;
    }

    /** The command has returned (normally or not): a later hook has nothing to wait for. */
    void finished() {
        finished.countDown();
    }

    private void onTermination(Thread worker, PrintStream err) {
        if (finished.getCount() == 0) {
            return;
        }
        terminating = true;
        err.println("mlship: terminated; stopping the command and leaving its target in a known state (up to "
                + GRACE.toSeconds() + " s)");
        err.flush();
        worker.interrupt();
        try {
            if (!finished.await(GRACE.toSeconds(), TimeUnit.SECONDS)) {
                err.println("mlship: the command did not finish within " + GRACE.toSeconds() + " s of the termination signal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
