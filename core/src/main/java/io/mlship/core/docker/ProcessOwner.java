package io.mlship.core.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process owns something mlship left on a Docker daemon (a deploy lock, a verification container):
 * host, kernel boot, pid and the process's start time, written into a label. A later run on the same host
 * can then tell a holder that is still working from one that was killed ({@code kill -9}, a lost agent):
 * a time-out alone would make the next deploy wait for a process that no longer exists.
 *
 * @param startMillis when the process started (epoch ms), or 0 when the OS does not say; tells a reused pid apart
 */
public record ProcessOwner(String host, String boot, long pid, long startMillis) {

    /** Label naming the owning process, on every container mlship creates for itself. */
    public static final String LABEL = "io.mlship.owner";
    /** Label saying what a container is for: {@code deploy-lock}, {@code model}, {@code verify}. */
    public static final String ROLE_LABEL = "io.mlship.role";

    /** A pid's start time is read from /proc in clock ticks; allow for the rounding. */
    private static final long START_TOLERANCE_MILLIS = 2_000;

    /** What a later run can say about an owner. */
    public enum Liveness {
        /** The process runs on this host. */
        ALIVE,
        /** Same host and the process is gone (or the pid now belongs to another process, or the host rebooted). */
        DEAD,
        /** Another host (or a label this version cannot read): only a time-out can tell. */
        UNKNOWN
    }

    private static final class Current {
        static final ProcessOwner OWNER = of(ProcessHandle.current());
    }

    public static ProcessOwner current() {
        return Current.OWNER;
    }

    static ProcessOwner of(ProcessHandle process) {
        return new ProcessOwner(hostName(), bootId(), process.pid(),
                process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    /** host/boot/pid/start: readable in `docker inspect`, and short. */
    public String label() {
        return host + "/" + boot + "/" + pid + "/" + startMillis;
    }

    public static Optional<ProcessOwner> parse(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String[] parts = label.split("/");
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcessOwner(parts[0], parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Judged from this process: only an owner on this host can be known to be dead. */
    public Liveness liveness() {
        ProcessOwner me = current();
        if (!host.equals(me.host)) {
            return Liveness.UNKNOWN;
        }
        if (!boot.isEmpty() && !me.boot.isEmpty() && !boot.equals(me.boot)) {
            return Liveness.DEAD; // the host rebooted since: every process of that boot is gone
        }
        if (pid == me.pid && startMillis == me.startMillis) {
            return Liveness.ALIVE;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Liveness.DEAD;
        }
        Optional<Instant> started = process.get().info().startInstant();
        if (startMillis != 0 && started.isPresent()
                && Math.abs(started.get().toEpochMilli() - startMillis) > START_TOLERANCE_MILLIS) {
            return Liveness.DEAD; // the pid was reused by a newer process
        }
        return Liveness.ALIVE;
    }

    /** The label's owner is known to be gone (unreadable labels and other hosts are not). */
    public static boolean isDead(String label) {
        return parse(label).map(o -> o.liveness() == Liveness.DEAD).orElse(false);
    }

    @Override
    public String toString() {
        return "pid " + pid + " on " + host;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '_');
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host").replace('/', '_');
        }
    }

    private static String bootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip().replace("-", "").substring(0, 12);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
