package io.mlship.core.deploy.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Event;
import io.mlship.core.MlshipException;
import io.mlship.core.docker.ProcessOwner;
import io.mlship.core.log.LogSink;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Serializes deploys of one container on a Docker host: a never-started container named
 * {@code <name>-mlship-lock}, labelled with its holder. The daemon lets exactly one creator have a name
 * (409 for the others), so this works across processes and machines sharing the daemon. A waiting deploy
 * follows the daemon's events for the lock's "destroy" instead of polling, and looks again every few seconds
 * whether the holder still lives: the lock carries its owner ({@link ProcessOwner}), and a lock whose owner on
 * this host is gone (killed mid-deploy) is broken at once, with a log line, instead of waiting out the time-out.
 * The deploy that broke it learns the dead owner ({@link #brokenOwner()}) to repair what that run left half-done.
 */
final class DockerDeployLock implements AutoCloseable {

    static final String HOLDER = "io.mlship.deploy.lock.holder";
    static final String SINCE = "io.mlship.deploy.lock.since";

    /** How often a waiting deploy looks again whether the holder is still alive. */
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private final DockerClient docker;
    private final String lockName;
    private final String brokenOwner;

    private DockerDeployLock(DockerClient docker, String lockName, String brokenOwner) {
        this.docker = docker;
        this.lockName = lockName;
        this.brokenOwner = brokenOwner;
    }

    /** The owner label of a killed deploy whose stale lock this one broke, if it did. */
    Optional<String> brokenOwner() {
        return Optional.ofNullable(brokenOwner);
    }

    static String lockName(String name) {
        return name + "-mlship-lock";
    }

    static DockerDeployLock acquire(DockerClient docker, String name, String image, String holder, Duration timeout, LogSink console)
            throws InterruptedException {
        String lockName = lockName(name);
        Instant giveUp = Instant.now().plus(timeout);
        boolean told = false;
        String broken = null;
        while (true) {
            try {
                docker.createContainerCmd(image).withName(lockName)
                        .withLabels(Map.of(HOLDER, holder, SINCE, Instant.now().toString(), "io.mlship.deploy.lock", name,
                                ProcessOwner.LABEL, ProcessOwner.current().label(), ProcessOwner.ROLE_LABEL, "deploy-lock"))
                        .withEntrypoint("true").withCmd(java.util.List.of()).exec();
                return new DockerDeployLock(docker, lockName, broken);
            } catch (ConflictException held) {
                // another deploy of this name holds it
            }
            InspectContainerResponse lock;
            try {
                lock = docker.inspectContainerCmd(lockName).exec();
            } catch (NotFoundException released) {
                continue;
            }
            Map<String, String> labels = lock.getConfig().getLabels();
            String who = labels.getOrDefault(HOLDER, "an unknown deploy");
            String since = labels.getOrDefault(SINCE, "an unknown time");
            String owner = labels.get(ProcessOwner.LABEL);
            if (ProcessOwner.isDead(owner)) {
                console.line("deploy lock " + lockName + " was held by " + who + " since " + since + ", but that process ("
                        + ProcessOwner.parse(owner).orElseThrow() + ") is gone: breaking the stale lock and repairing what "
                        + "it left half-done");
                try {
                    // By id: if another deploy broke it first and took the name, its new lock stays.
                    docker.removeContainerCmd(lock.getId()).withForce(true).exec();
                } catch (NotFoundException brokenMeanwhile) {
                    // someone else broke it first
                }
                broken = owner;
                continue;
            }
            if (!Instant.now().isBefore(giveUp)) {
                throw new MlshipException("deploy of container " + name + " is still held by " + who + " since " + since
                        + " after waiting " + timeout.toSeconds() + " s; try again when it has finished, or remove the lock "
                        + "container (`docker rm " + lockName + "`) if that deploy is gone");
            }
            if (!told) {
                console.line("deploy of container " + name + " is held by " + who + " since " + since + "; waiting");
                told = true;
            }
            awaitDestroy(docker, lockName, giveUp);
        }
    }

    private static void awaitDestroy(DockerClient docker, String lockName, Instant giveUp) throws InterruptedException {
        CountDownLatch destroyed = new CountDownLatch(1);
        try (ResultCallback.Adapter<Event> events = docker.eventsCmd().withContainerFilter(lockName).withEventFilter("destroy")
                .exec(new ResultCallback.Adapter<>() {
                    @Override
                    public void onNext(Event event) {
                        destroyed.countDown();
                    }
                })) {
            try {
                docker.inspectContainerCmd(lockName).exec();
            } catch (NotFoundException goneMeanwhile) {
                return;
            }
            destroyed.await(Math.max(1, Math.min(RECHECK.toMillis(), Duration.between(Instant.now(), giveUp).toMillis())),
                    TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new MlshipException("lost the Docker event stream while waiting for the deploy lock " + lockName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            docker.removeContainerCmd(lockName).withForce(true).exec();
        } catch (NotFoundException alreadyGone) {
            // released by someone who cleaned up: the goal is reached
        }
    }
}
