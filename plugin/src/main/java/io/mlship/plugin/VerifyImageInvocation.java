package io.mlship.plugin;

import io.mlship.core.common.ImageReference;
import io.mlship.core.common.MemorySize;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.PrintStreamLogSink;
import io.mlship.core.report.ReportFiles;
import io.mlship.core.verify.SampleFile;
import io.mlship.core.verify.VerifyRequest;
import io.mlship.core.verify.VerifyResult;
import io.mlship.core.verify.VerifyService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The plain-Java half of {@code mlVerifyImage}: step fields + workspace + build folder → a core verification. */
record VerifyImageInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {

    VerifyResult verify(VerifyImageStep step, PrintStream log) throws InterruptedException {
        Path logDirectory = StepFolders.next(buildDirectory, "verify");
        VerifyRequest request = VerifyRequest.builder(new ImageReference(step.getImage()), MemorySize.parse(step.getMemory()), logDirectory)
                .cpus(step.getCpus()).port(Optional.ofNullable(step.getPort())).readyPath(step.getReadyPath())
                .modelName(step.getModel())
                .samples(step.getSamples() == null ? List.of() : SampleFile.read(workspace.resolve(step.getSamples())))
                .readyTimeout(Duration.ofSeconds(step.getReadyTimeoutSeconds())).headroom(step.getHeadroom()).build();
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(step.getDockerHost()), environment);
        return VerifyService.run(endpoint, request,
                StepLogOptions.settings(VerifyImageStep.FUNCTION, step.getNoise(), step.getMaskVariables(), environment),
                ReportFiles.VERIFY.in(logDirectory), new PrintStreamLogSink(log));
    }
}
