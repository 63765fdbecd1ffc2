package io.mlship.core.verify;

import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import io.mlship.core.common.MemorySize;
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
 * @param modelName       name in the KServe V2 infer path {@code /v2/models/{name}/infer}; empty: from the
 *                        image's {@code io.mlship.model.name} label, else the image's repository name
 * @param headroom        fraction of the limit the peak may reach (0.85: fail when the peak passes 85%)
 * @param measureOnOom    after an OOM kill, run once more with a larger limit to measure the real need
 */
public record VerifyRequest(ImageReference image, MemorySize memoryLimit, double cpus, Optional<Integer> port,
                            String readyPath, Optional<String> modelName, List<SampleCase> samples, Duration readyTimeout,
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
        modelName = modelName == null ? Optional.empty() : modelName;
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
        return builder(new ImageReference(image), memoryLimit, logDirectory).modelName(modelName).samples(samples).build();
    }

    /** A builder with the defaults of {@link #of}, no samples and the model name from the image. */
    public static Builder builder(ImageReference image, MemorySize memoryLimit, Path logDirectory) {
        Builder b = new Builder();
        b.image = image;
        b.memoryLimit = memoryLimit;
        b.logDirectory = logDirectory;
        return b;
    }

    /** A builder holding this request's values, for "the same, except". */
    public Builder toBuilder() {
        Builder b = builder(image, memoryLimit, logDirectory).cpus(cpus).port(port).readyPath(readyPath).samples(samples)
                .readyTimeout(readyTimeout).headroom(headroom).environment(environment).measureOnOom(measureOnOom);
        b.modelName = modelName;
        return b;
    }

    /** Builds a {@link VerifyRequest}; a field not set keeps its default, never null. */
    public static final class Builder {
        private ImageReference image;
        private MemorySize memoryLimit;
        private double cpus = 1.0;
        private Optional<Integer> port = Optional.empty();
        private String readyPath = KSERVE_READY_PATH;
        private Optional<String> modelName = Optional.empty();
        private List<SampleCase> samples = List.of();
        private Duration readyTimeout = DEFAULT_READY_TIMEOUT;
        private double headroom = DEFAULT_HEADROOM;
        private Map<String, String> environment = Map.of();
        private boolean measureOnOom = true;
        private Path logDirectory;

        private Builder() {
        }

        public Builder memoryLimit(MemorySize value) { memoryLimit = value; return this; }
        public Builder cpus(double value) { cpus = value; return this; }
        public Builder readyPath(String value) { readyPath = value; return this; }
        public Builder samples(List<SampleCase> value) { samples = value; return this; }
        public Builder readyTimeout(Duration value) { readyTimeout = value; return this; }
        public Builder headroom(double value) { headroom = value; return this; }
        public Builder environment(Map<String, String> value) { environment = value; return this; }
        public Builder measureOnOom(boolean value) { measureOnOom = value; return this; }
        public Builder logDirectory(Path value) { logDirectory = value; return this; }

        /** @param value the container port; empty: the one port the image exposes */
        public Builder port(Optional<Integer> value) { port = value; return this; }

        /** @param value the model name; null or unset: from the image's label, else its repository name */
        public Builder modelName(String value) { modelName = Optional.ofNullable(value); return this; }

        public VerifyRequest build() {
            return new VerifyRequest(image, memoryLimit, cpus, port, readyPath, modelName, samples, readyTimeout, headroom,
                    environment, measureOnOom, logDirectory);
        }
    }

    String inferPath() {
        return "/v2/models/" + modelName.orElseThrow() + "/infer";
    }
}
