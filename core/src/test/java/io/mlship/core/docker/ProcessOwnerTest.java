package io.mlship.core.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Owner liveness: this process lives, a finished one is dead, one on another host or unreadable is unknown. */
class ProcessOwnerTest {

    @Test
    void thisProcessIsAliveAndItsLabelReadsBack() {
        ProcessOwner me = ProcessOwner.current();
        assertThat(ProcessOwner.parse(me.label())).contains(me);
        assertThat(me.liveness()).isEqualTo(ProcessOwner.Liveness.ALIVE);
        assertThat(ProcessOwner.isDead(me.label())).isFalse();
    }

    @Test
    void aFinishedProcessIsDeadAndAReusedPidToo() throws Exception {
        Process child = new ProcessBuilder("true").start();
        long started = child.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        child.waitFor();
        ProcessOwner me = ProcessOwner.current();
        assertThat(new ProcessOwner(me.host(), me.boot(), child.pid(), started).liveness()).isEqualTo(ProcessOwner.Liveness.DEAD);
        // This JVM's pid with another start time: the pid was reused by a newer process.
        assertThat(new ProcessOwner(me.host(), me.boot(), me.pid(), me.startMillis() - 3_600_000).liveness())
                .isEqualTo(ProcessOwner.Liveness.DEAD);
        assertThat(new ProcessOwner(me.host(), "0123456789ab", me.pid(), me.startMillis()).liveness())
                .as("another boot of this host").isEqualTo(ProcessOwner.Liveness.DEAD);
    }

    @Test
    void anotherHostOrAnUnreadableLabelIsNeverCalledDead() {
        ProcessOwner me = ProcessOwner.current();
        assertThat(new ProcessOwner("elsewhere-" + me.host(), me.boot(), 1, 0).liveness()).isEqualTo(ProcessOwner.Liveness.UNKNOWN);
        assertThat(ProcessOwner.isDead(null)).isFalse();
        assertThat(ProcessOwner.isDead("garbage")).isFalse();
        assertThat(ProcessOwner.isDead("a/b/notapid/0")).isFalse();
    }
}
