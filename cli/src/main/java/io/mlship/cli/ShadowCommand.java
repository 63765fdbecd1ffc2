package io.mlship.cli;

import io.mlship.core.MlshipException;
import io.mlship.core.log.LogSink;
import io.mlship.core.shadow.ShadowReport;
import io.mlship.core.shadow.compare.ComparatorSettings;
import io.mlship.core.shadow.compare.ShadowComparator;
import io.mlship.core.shadow.judge.CandidateHealth;
import io.mlship.core.shadow.judge.Judgement;
import io.mlship.core.shadow.judge.PrometheusQueries;
import io.mlship.core.shadow.judge.ShadowJudge;
import io.mlship.core.shadow.judge.ShadowQueries;
import io.mlship.core.shadow.spec.ShadowSpec;
import io.mlship.core.shadow.spec.ShadowSpecReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "shadow", mixinStandardHelpOptions = true,
        description = {"Judge a candidate model against the live one on mirrored traffic (shadow promotion).",
                "`mlship shadow run` starts the candidate, a baseline and a comparator beside the live deploy (Docker, or Kubernetes/OpenShift with Istio), "
                        + "mirrors live traffic to them, evaluates the criteria of deploy.shadow in mlship.yaml with PromQL every interval, "
                        + "and exits 0 (PROMOTED), 1 (ABORTED) or 3 (INCONCLUSIVE). `mlship shadow judge` judges a shadow that runs already."},
        subcommands = {ShadowCommand.RunShadow.class, ShadowCommand.Judge.class, ShadowCommand.Comparator.class})
final class ShadowCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Shadow a candidate image beside the live deploy (Docker host, or Kubernetes/OpenShift with Istio), then promote or abort it.",
                    "The candidate and a baseline (a fresh copy of the live image, same limits) and a comparator run beside the live "
                            + "model; the Docker edge or an Istio VirtualService mirrors live requests to the comparator; PROMOTED deploys "
                            + "the candidate through mlship deploy's path. Exit 0 PROMOTED, 1 ABORTED, 3 INCONCLUSIVE."})
    static final class RunShadow implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @picocli.CommandLine.Mixin
        private DeployTargetOptions target;

        @Option(names = "--image", required = true, description = "The candidate image, with tag or digest.")
        private String image;

        @Option(names = "--prometheus", defaultValue = "http://127.0.0.1:9090", description = "Prometheus that scrapes the comparator; default: ${DEFAULT-VALUE}.")
        private URI prometheus;

        @Option(names = "--prometheus-targets", description = "Folder of that Prometheus' file_sd targets (docker target); default: /var/lib/mlship/prometheus/targets.")
        private Path prometheusTargets;

        @Option(names = "--comparator-image", description = {"Image the comparator runs from. Kubernetes/OpenShift: required here or as "
                + "deploy.shadow.comparatorImage; a JRE 17+ and mlship's jar at /opt/mlship/mlship.jar, pullable by the cluster. "
                + "Docker: default mlship/base:jre (mlship's classes are copied in)."})
        private String comparatorImage;

        @Option(names = "--shadow-id", description = "Kubernetes/OpenShift: the shadow's id (its objects' prefix and the comparator's series label); "
                + "default <name>-shadow-<random hex>.")
        private String shadowId;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            io.mlship.core.deploy.DeployRequest request = target.settings("shadow").image(image).deployRequest(System.getenv());
            ShadowSpec shadow = ShadowSpecReader.read(target.project);
            if (request.spec().target() != io.mlship.core.deploy.spec.DeployTarget.DOCKER) {
                io.mlship.core.shadow.kubernetes.KubernetesShadow.Result result = io.mlship.core.shadow.kubernetes.KubernetesShadow.run(
                        new io.mlship.core.shadow.kubernetes.KubernetesShadowRequest(request, shadow, prometheus,
                                Optional.ofNullable(comparatorImage), Optional.ofNullable(shadowId), null),
                        ConsoleSink.of(out));
                out.println(result.outcome() + ": " + result.reason());
                out.println("report: " + result.report().toAbsolutePath());
                ReportPage.beside(result.report(), "shadow", "shadow of " + image, out);
                return result.outcome().exitCode();
            }
            if (shadow.analysis().metrics() == io.mlship.core.shadow.spec.MetricsSource.MESH) {
                throw new MlshipException("deploy.shadow.analysis.metrics: mesh reads Istio's series, which a Docker host has not; "
                        + "use metrics: comparator (the default) with --target docker");
            }
            if (shadowId != null) {
                throw new MlshipException("--shadow-id is for the kubernetes and openshift targets; the docker shadow names itself");
            }
            io.mlship.core.shadow.docker.DockerShadow.Result result = io.mlship.core.shadow.docker.DockerShadow.run(
                    new io.mlship.core.shadow.docker.ShadowRequest(request, shadow, prometheus, prometheusTargets, comparatorImage, null),
                    ConsoleSink.of(out));
            out.println(result.outcome() + ": " + result.reason());
            out.println("report: " + result.report().toAbsolutePath());
            ReportPage.beside(result.report(), "shadow", "shadow of " + image, out);
            return result.outcome().exitCode();
        }
    }

    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = {"Decide a running shadow from its comparator's series in Prometheus.",
                    "Prints one row per criterion and check and writes shadow-report.json. "
                            + "Exit 0 PROMOTED, 1 ABORTED, 3 INCONCLUSIVE."})
    static final class Judge implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Option(names = "--prometheus", required = true, description = "Prometheus URL, e.g. http://127.0.0.1:9090.")
        private URI prometheus;

        @Option(names = "--shadow-id", required = true, description = "The comparator's shadow id (its series' shadow label).")
        private String shadowId;

        @Option(names = "--project", defaultValue = ".", description = "Folder with mlship.yaml (deploy.shadow); default: .")
        private Path project;

        @Option(names = "--report", defaultValue = ShadowReport.FILE_NAME, description = "Where to write the report; default: ${DEFAULT-VALUE}.")
        private Path report;

        @Option(names = "--namespace", description = "With deploy.shadow.analysis.metrics: mesh, the namespace of the shadow's "
                + "<shadow-id>-baseline and <shadow-id>-candidate workloads in Istio's series.")
        private String namespace;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            ShadowSpec shadow = ShadowSpecReader.read(project);
            LogSink console = ConsoleSink.of(out);
            // no container events from here: the OOM/restart rows come from a target-aware run
            ShadowQueries queries = new ShadowQueries(shadowId);
            if (shadow.analysis().metrics() == io.mlship.core.shadow.spec.MetricsSource.MESH) {
                if (namespace == null) {
                    throw new MlshipException("deploy.shadow.analysis.metrics is mesh: pass --namespace, the namespace of the workloads "
                            + shadowId + "-baseline and " + shadowId + "-candidate in Istio's series");
                }
                queries = ShadowQueries.mesh(shadowId, new io.mlship.core.shadow.judge.MeshWorkloads(namespace,
                        shadowId + "-baseline", shadowId + "-candidate"));
            }
            Judgement judgement = new ShadowJudge(new PrometheusQueries(prometheus), queries, shadow.analysis(),
                    shadow.criteria(), Optional.empty(), CandidateHealth.Watch.none(), console).judge();
            ShadowReport.write(shadowId, judgement, Optional.empty(), report);
            out.println(judgement.outcome() + ": " + judgement.reason());
            out.println("report: " + report.toAbsolutePath());
            ReportPage.beside(report, "shadow", "shadow " + shadowId, out);
            return judgement.outcome().exitCode();
        }
    }

    @Command(name = "comparator", hidden = true, mixinStandardHelpOptions = true,
            description = {"Run the shadow comparator (what the comparator container runs).",
                    "Receives mirrored copies, sends each to baseline and candidate, compares their outputs; /metrics for Prometheus."})
    static final class Comparator implements Callable<Integer> {

        @Option(names = "--listen", defaultValue = "0.0.0.0:9000", description = "host:port to listen on; default: ${DEFAULT-VALUE}.")
        private String listen;

        @Option(names = "--baseline", required = true, description = "Base URL of the baseline, e.g. http://iris-baseline:8080.")
        private URI baseline;

        @Option(names = "--candidate", required = true, description = "Base URL of the candidate.")
        private URI candidate;

        @Option(names = "--shadow-id", required = true, description = "Label of every series.")
        private String shadowId;

        @Option(names = "--project", description = "Folder with mlship.yaml, for the agreement outputs of deploy.shadow.criteria.")
        private Path project;

        @Option(names = "--queue", defaultValue = "1000", description = "Copies waiting at most; more are dropped and counted.")
        private int queue;

        @Option(names = "--workers", defaultValue = "8", description = "Copies compared at once.")
        private int workers;

        @Option(names = "--timeout-seconds", defaultValue = "5", description = "Time-out of each request to baseline and candidate.")
        private int timeoutSeconds;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            int colon = listen.lastIndexOf(':');
            if (colon < 1) {
                throw new MlshipException("--listen `" + listen + "` must be host:port, e.g. 0.0.0.0:9000");
            }
            int port;
            try {
                port = Integer.parseInt(listen.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new MlshipException("--listen `" + listen + "` has no port number, e.g. 0.0.0.0:9000");
            }
            ComparatorSettings settings = ComparatorSettings.builder()
                    .listen(new InetSocketAddress(listen.substring(0, colon), port)).baseline(baseline).candidate(candidate)
                    .shadowId(shadowId).queueCapacity(queue).workers(workers).timeout(Duration.ofSeconds(timeoutSeconds))
                    .criteria(project == null ? ShadowSpec.defaults().criteria() : ShadowSpecReader.read(project).criteria())
                    .build();
            CountDownLatch stopped = new CountDownLatch(1);
            ShadowComparator comparator = ShadowComparator.start(settings, ConsoleSink.of(spec.commandLine().getOut()));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                comparator.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }
}
