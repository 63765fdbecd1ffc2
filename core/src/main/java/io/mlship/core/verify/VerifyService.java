package io.mlship.core.verify;

import com.github.dockerjava.api.DockerClient;
import io.mlship.core.docker.DockerConnector;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.log.LogSink;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.report.JsonReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Local verification as every front end runs it: connect, verify, write the JSON report. */
public final class VerifyService {

    private VerifyService() {
    }

    public static VerifyResult run(DockerEndpoint endpoint, VerifyRequest request, Path report, LogSink console)
            throws InterruptedException {
        return run(endpoint, request, CaptureSettings.defaults(), report, console);
    }

    /** @param logs how the container logs are captured (noise rules, secrets to mask) */
    public static VerifyResult run(DockerEndpoint endpoint, VerifyRequest request, CaptureSettings logs, Path report, LogSink console)
            throws InterruptedException {
        try (DockerClient docker = DockerConnector.connect(endpoint)) {
            VerifyResult result = new ImageVerifier(docker).verify(request, logs, console);
            JsonReport.write(VerifyReport.of(result), report);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException("closing the Docker client failed", e);
        }
    }
}
