package io.mlship.core.registry;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import io.mlship.core.log.LogSink;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Pushes a built image to a registry and reports the manifest digest. Credentials are checked with the
 * registry first and never printed. When the push fails, the local tag this pusher created is removed;
 * the registry gets its tag only with the manifest, the last thing a push writes, so no half-pushed tag stays.
 */
public final class ImagePusher {

    private final DockerClient docker;

    public ImagePusher(DockerClient docker) {
        this.docker = docker;
    }

    /**
     * @param image       the built image
     * @param target      where to push it, e.g. {@code 127.0.0.1:5000/team/model:1}; its host is the registry
     * @param credentials empty for an open registry
     */
    /**
     * Whether a push to the target could start: the registry answers, and it accepts the credentials. A build
     * that will be pushed asks first, so wrong credentials fail in a second, not after a long build.
     */
    public AuthConfig checkAccess(ImageReference target, Optional<RegistryCredentials> credentials) throws InterruptedException {
        String registry = registryOf(target);
        RegistryReachability.check(registry);
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry);
        credentials.ifPresent(c -> auth.withUsername(c.username()).withPassword(c.password()));
        if (credentials.isPresent()) {
            try {
                docker.authCmd().withAuthConfig(auth).exec();
            } catch (DockerException e) {
                throw new MlshipException("registry " + registry + " refused the credentials of user `" + credentials.get().username()
                        + "` (" + firstLine(e.getMessage()) + "); check the user name and password or token", e);
            }
        }
        return auth;
    }

    public PushResult push(ImageReference image, ImageReference target, Optional<RegistryCredentials> credentials,
                           LogSink console) throws InterruptedException {
        String registry = registryOf(target);
        AuthConfig auth = checkAccess(target, credentials);
        String repository = target.value().replaceFirst(":[^:/]+$", "");
        String tag = target.value().length() > repository.length() ? target.value().substring(repository.length() + 1) : "latest";
        boolean tagged = !target.value().equals(image.value());
        if (tagged) {
            docker.tagImageCmd(image.value(), repository, tag).exec();
        }
        console.line("== push " + target + " (registry " + registry + (credentials.isPresent() ? ", user " + credentials.get().username() : "") + ")");
        AtomicReference<String> digest = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        try {
            docker.pushImageCmd(repository).withTag(tag).withAuthConfig(auth).exec(new ResultCallback.Adapter<PushResponseItem>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.getErrorDetail() != null || item.getError() != null) {
                        error.set(item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                    }
                    if (item.getAux() != null && item.getAux().getDigest() != null) {
                        digest.set(item.getAux().getDigest());
                    }
                    if (item.getStatus() != null && item.getProgressDetail() == null) {
                        console.line("   " + (item.getId() != null ? item.getId() + ": " : "") + item.getStatus());
                    }
                }
            }).awaitCompletion();
        } catch (RuntimeException e) {
            error.compareAndSet(null, firstLine(e.getMessage()));
        } finally {
            if ((error.get() != null || digest.get() == null) && tagged) {
                untag(target);
            }
        }
        if (error.get() != null) {
            throw new MlshipException("push of " + target + " failed: " + error.get()
                    + (error.get().contains("unauthorized") || error.get().contains("authentication required")
                        || error.get().contains("no basic auth credentials")
                        ? "; the registry wants credentials: pass them (--registry-user, MLSHIP_REGISTRY_PASSWORD)" : ""));
        }
        if (digest.get() == null) {
            throw new MlshipException("push of " + target + " ended without a digest from the registry; nothing was tagged there");
        }
        console.line("   pushed " + target + "@" + digest.get());
        return new PushResult(target.value(), digest.get());
    }

    private void untag(ImageReference target) {
        try {
            docker.removeImageCmd(target.value()).withNoPrune(true).exec();
        } catch (NotFoundException alreadyGone) {
            // nothing to undo
        }
    }

    static String registryOf(ImageReference target) {
        String value = target.value();
        int slash = value.indexOf('/');
        String first = slash < 0 ? "" : value.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return first;
        }
        throw new MlshipException("push target `" + value + "` names no registry; write it as host[:port]/name:tag, "
                + "e.g. 127.0.0.1:5000/" + value);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no detail";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
