package io.mlship.core.shadow.docker;

import io.mlship.core.MlshipException;
import io.mlship.core.deploy.docker.DockerDeployer;
import io.mlship.core.deploy.docker.EdgeMirror;
import io.mlship.core.log.LogSink;
import java.time.Duration;
import java.util.Optional;

/** The live deploy behind the docker target's nginx edge: its network, its live image, its mirror switch. */
final class DockerEdge implements LiveEdge {

    private final DockerDeployer deployer;
    private final String name;
    private final String holder;
    private final Duration lockTimeout;
    private final LogSink console;

    DockerEdge(DockerDeployer deployer, String name, String holder, Duration lockTimeout, LogSink console) {
        this.deployer = deployer;
        this.name = name;
        this.holder = holder;
        this.lockTimeout = lockTimeout;
        this.console = console;
    }

    @Override
    public String network() {
        return DockerDeployer.network(name);
    }

    @Override
    public String liveImage() {
        return deployer.liveImage(name).orElseThrow(() -> new MlshipException("there is no live deploy of " + name
                + " on this Docker host (no edge container, or it serves nothing): deploy it first with mlship deploy;"
                + " a shadow compares a candidate with what is live"));
    }

    @Override
    public Optional<String> mirrorTarget() {
        return deployer.mirrorTarget(name);
    }

    @Override
    public void mirror(Optional<String> target, double percent, String method, String pathPrefix) throws InterruptedException {
        deployer.mirror(name, target.map(t -> new EdgeMirror(t, percent, method, pathPrefix)), holder, lockTimeout, console);
    }
}
