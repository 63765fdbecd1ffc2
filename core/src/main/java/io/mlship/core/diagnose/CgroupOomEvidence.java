package io.mlship.core.diagnose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's own count of OOM kills in the running container's memory cgroup ({@code oom_kill} in cgroup v1's
 * memory.oom_control, v2's memory.events), read through an exec of {@code cat}. A count above 0 while the container
 * runs is a child killed: it does not depend on the daemon still holding the oom event.
 */
final class CgroupOomEvidence {

    static final String SOURCE = "cgroup (exec cat)";
    private static final Pattern OOM_KILL = Pattern.compile("(?m)^oom_kill (\\d+)$");

    private CgroupOomEvidence() {
    }

    static void read(DockerClient docker, DockerContainer container, Observations o) {
        if (!container.running()) {
            return;
        }
        String output;
        try {
            ExecCreateCmdResponse exec = docker.execCreateCmd(container.id()).withAttachStdout(true).withAttachStderr(false)
                    .withCmd("cat", "/sys/fs/cgroup/memory/memory.oom_control", "/sys/fs/cgroup/memory.events").exec();
            StringBuilder text = new StringBuilder();
            docker.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (text) {
                        text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            }).awaitCompletion(10, TimeUnit.SECONDS);
            synchronized (text) {
                output = text.toString();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            o.saw(SOURCE, "oom_kill", "not readable (" + e.getMessage() + ")");
            return;
        }
        Matcher m = OOM_KILL.matcher(output);
        if (!m.find()) {
            o.saw(SOURCE, "oom_kill", "not readable (no cat in the image, or no memory cgroup)");
            return;
        }
        long kills = Long.parseLong(m.group(1));
        o.saw(SOURCE, "oom_kill", kills);
        o.childOomKills = Math.max(o.childOomKills, kills);
    }
}
