package io.mlship.core.verify;

import io.mlship.core.MlshipException;
import io.mlship.core.image.ImageReference;
import io.mlship.core.resources.MemorySize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to verify an image locally: the production limits to run it under, how to tell it is ready,
 * which sample requests to send, and how much memory headroom is required.
 *
 * @param port            container port the server listens on; empty: the one port the image exposes
 * @param modelName       name in the KServe V2 infer path {@code /v2/models/{name}/infer}; null: from the
 *                        image's {@code io.mlship.model.name} label, else the image's repository name
 * @param headroom        fraction of the limit the peak may reach (0.85: fail when the peak passes 85%)
 * @param measureOnOom    after an OOM kill, run once more with a larger limit to measure the real need
 */
public record VerifyRequest(ImageReference image, MemorySize memoryLimit, double cpus, Optional<Integer> port,
                            String readyPath, String modelName, List<SampleCase> samples, Duration readyTimeout,
                            double headroom, Map<String, String> environment, boolean measureOnOom,
                            Path logDirectory) {

    public static final String KSERVE_READY_PATH = "/v2/health/ready";
    public static final double DEFAULT_HEADROOM = 0.85;
    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    /** Docker refuses limits below 6 MiB; anything that small is a typo for a model server. */
    static final MemorySize SMALLEST_LIMIT = MemorySize.ofMebibytes(6);

    public VerifyRequest {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(memoryLimit, "memoryLimit");
        Objects.requireNonNull(logDirectory, "logDirectory");
        port = port == null ? Optional.empty() : port;
        readyPath = readyPath == null ? KSERVE_READY_PATH : readyPath;
        samples = samples == null ? List.of() : List.copyOf(samples);
        readyTimeout = readyTimeout == null ? DEFAULT_READY_TIMEOUT : readyTimeout;
        environment = environment == null ? Map.of() : Map.copyOf(environment);
        if (memoryLimit.compareTo(SMALLEST_LIMIT) < 0) {
            throw new MlshipException("memory limit " + memoryLimit + " is below Docker's minimum of 6 MiB; "
                    + "pass the production limit, e.g. --memory 512m");
        }
        if (!(cpus > 0) || cpus > 1024) {
            throw new MlshipException("cpus " + cpus + " is not a usable CPU limit; pass a positive number such as --cpus 1.5");
        }
        if (!(headroom > 0 && headroom <= 1)) {
            throw new MlshipException("headroom " + headroom + " must be a fraction in (0, 1], e.g. 0.85");
        }
        if (port.isPresent() && (port.get() < 1 || port.get() > 65535)) {
            throw new MlshipException("port " + port.get() + " is not a TCP port (1-65535)");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero()) {
            throw new MlshipException("ready timeout " + readyTimeout.toSeconds() + " s must be positive: pass e.g. "
                    + "--ready-timeout 60 (seconds)");
        }
        if (!readyPath.startsWith("/")) {
            throw new MlshipException("readiness path `" + readyPath + "` must start with /, e.g. " + KSERVE_READY_PATH);
        }
    }

    /** The defaults: KServe V2 readiness, 60 s to get ready, 85% headroom, measure the real need after an OOM. */
    public static VerifyRequest of(String image, MemorySize memoryLimit, String modelName, List<SampleCase> samples,
                                   Path logDirectory) {
        return new VerifyRequest(new ImageReference(image), memoryLimit, 1.0, Optional.empty(), KSERVE_READY_PATH,
                modelName, samples, DEFAULT_READY_TIMEOUT, DEFAULT_HEADROOM, Map.of(), true, logDirectory);
    }

    public VerifyRequest withMemoryLimit(MemorySize limit) {
        return new VerifyRequest(image, limit, cpus, port, readyPath, modelName, samples, readyTimeout, headroom,
                environment, measureOnOom, logDirectory);
    }

    public VerifyRequest withModelName(String name) {
        return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, name, samples, readyTimeout, headroom,
                environment, measureOnOom, logDirectory);
    }

    public VerifyRequest withEnvironment(Map<String, String> env) {
        return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, modelName, samples, readyTimeout, headroom,
                env, measureOnOom, logDirectory);
    }

    public VerifyRequest withPort(int containerPort) {
        return new VerifyRequest(image, memoryLimit, cpus, Optional.of(containerPort), readyPath, modelName, samples,
                readyTimeout, headroom, environment, measureOnOom, logDirectory);
    }

    public VerifyRequest withReadyTimeout(Duration timeout) {
        return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, modelName, samples, timeout, headroom,
                environment, measureOnOom, logDirectory);
    }

    public VerifyRequest withCpus(double limit) {
        return new VerifyRequest(image, memoryLimit, limit, port, readyPath, modelName, samples, readyTimeout, headroom,
                environment, measureOnOom, logDirectory);
    }

    public VerifyRequest withLogDirectory(Path directory) {
        return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, modelName, samples, readyTimeout, headroom,
                environment, measureOnOom, directory);
    }

    public VerifyRequest withoutMeasuringOnOom() {
        return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, modelName, samples, readyTimeout, headroom,
                environment, false, logDirectory);
    }

    String inferPath() {
        return "/v2/models/" + modelName + "/infer";
    }
}
