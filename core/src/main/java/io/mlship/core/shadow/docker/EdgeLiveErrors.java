package io.mlship.core.shadow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.mlship.core.deploy.docker.EdgeMirror;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The live errors of one shadow, as the edge saw them: while the mirror is on, the edge logs every live answer that is
 * not 2xx on its container's stderr, tagged with the mirror's target (the shadow's comparator, unique per shadow), so
 * counting those lines counts exactly this shadow's window, including the requests old nginx workers finished after
 * the mirror was switched off. A request that got no answer at all from nginx (a connection reset) is not in the log:
 * only a client can count those.
 */
final class EdgeLiveErrors {

    private EdgeLiveErrors() {
    }

    /** Empty when the edge container or its log cannot be read (then the report says null, not 0). */
    static Optional<Long> count(DockerClient docker, String edgeContainer, String mirrorTarget, Instant since)
            throws InterruptedException {
        String tag = EdgeMirror.LIVE_ERROR_TAG + mirrorTarget + " ";
        StringBuilder text = new StringBuilder();
        try (ResultCallback.Adapter<Frame> read = docker.logContainerCmd(edgeContainer).withStdErr(true).withStdOut(true)
                .withSince((int) Math.max(0, since.getEpochSecond() - 1))
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Frame frame) {
                        text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                })) {
            if (!read.awaitCompletion(30, TimeUnit.SECONDS)) {
                return Optional.empty();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the edge is gone (NotFoundException) or its log unreadable: the count is unknown, not zero
            return Optional.empty();
        }
        return Optional.of(text.toString().lines().filter(l -> l.startsWith(tag)).count());
    }
}
