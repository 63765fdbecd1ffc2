package io.mlship.core.shadow.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlship.core.MlshipException;
import io.mlship.core.project.ModelProject;
import io.mlship.core.project.YamlFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code deploy.shadow} of a project's {@code mlship.yaml} into a {@link ShadowSpec}. Like the deploy section,
 * every error names the file and the field path, and unknown keys are errors: a misspelt {@code critera:} would
 * otherwise judge by the defaults without saying so.
 */
public final class ShadowSpecReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)?");

    private ShadowSpecReader() {
    }

    /**
     * The section of the project's file; the defaults when the file or the section is absent. Without mirror paths,
     * the mirror copies the inference path of the model the project serves ({@code /v2/models/<name>/infer}, the
     * project's {@code name}, which is the model name the server answers to).
     */
    public static ShadowSpec read(Path projectDirectory) {
        Path file = projectDirectory.resolve(ModelProject.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return ShadowSpec.defaults();
        }
        try {
            JsonNode root = YAML.readTree(file.toFile());
            JsonNode deploy = root == null ? null : root.get("deploy");
            ShadowSpec spec = read(file, deploy == null ? null : deploy.get("shadow"));
            if (spec.mirror().paths().isEmpty()) {
                String model = ModelProject.load(projectDirectory).name();
                spec = spec.toBuilder().mirror(new MirrorSpec(spec.mirror().percent(), spec.mirror().methods(),
                        java.util.List.of(MirrorSpec.inferencePath(model)))).build();
            }
            return spec;
        } catch (JsonProcessingException e) {
            throw new MlshipException(file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MlshipException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static ShadowSpec read(Path file, JsonNode shadow) {
        Fields f = new Fields(file);
        if (shadow == null || shadow.isNull()) {
            return ShadowSpec.defaults();
        }
        JsonNode s = f.object(shadow, "deploy.shadow");
        f.allowOnly(s, "deploy.shadow", Set.of("mirror", "analysis", "criteria", "comparatorImage"));
        try {
            return ShadowSpec.builder()
                    .mirror(mirror(f, f.child(s, "deploy.shadow.mirror")))
                    .analysis(analysis(f, f.child(s, "deploy.shadow.analysis")))
                    .criteria(criteria(f, f.child(s, "deploy.shadow.criteria")))
                    .comparatorImage(f.text(s, "deploy.shadow.comparatorImage").orElse(null))
                    .build();
        } catch (MlshipException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : new MlshipException(file + ": " + e.getMessage(), e);
        }
    }

    private static MirrorSpec mirror(Fields f, JsonNode m) {
        String p = "deploy.shadow.mirror";
        f.allowOnly(m, p, Set.of("percent", "methods", "paths"));
        return new MirrorSpec(f.number(m, p + ".percent").orElse(100.0), f.texts(m, p + ".methods"), f.texts(m, p + ".paths"));
    }

    private static AnalysisSpec analysis(Fields f, JsonNode a) {
        String p = "deploy.shadow.analysis";
        f.allowOnly(a, p, Set.of("interval", "minRequests", "minDuration", "maxDuration", "failureLimit", "noData",
                "metrics"));
        AnalysisSpec d = AnalysisSpec.defaults();
        return new AnalysisSpec(
                f.duration(a, p + ".interval").orElse(d.interval()),
                f.integer(a, p + ".minRequests", 1).orElse(d.minRequests()),
                f.duration(a, p + ".minDuration").orElse(d.minDuration()),
                f.duration(a, p + ".maxDuration").orElse(d.maxDuration()),
                f.integer(a, p + ".failureLimit", 1).orElse(d.failureLimit()),
                f.text(a, p + ".noData").map(t -> NoDataPolicy.parse(t, p + ".noData")).orElse(d.noData()),
                f.text(a, p + ".metrics").map(t -> MetricsSource.parse(t, p + ".metrics")).orElse(d.metrics()));
    }

    private static CriteriaSpec criteria(Fields f, JsonNode c) {
        String p = "deploy.shadow.criteria";
        f.allowOnly(c, p, Set.of("agreement", "errorRate", "latencyP99", "memory"));
        CriteriaSpec d = CriteriaSpec.defaults();
        JsonNode agreement = f.child(c, p + ".agreement");
        f.allowOnly(agreement, p + ".agreement", Set.of("min", "outputs"));
        JsonNode errors = f.child(c, p + ".errorRate");
        f.allowOnly(errors, p + ".errorRate", Set.of("max"));
        JsonNode latency = f.child(c, p + ".latencyP99");
        f.allowOnly(latency, p + ".latencyP99", Set.of("maxRatio"));
        JsonNode memory = f.child(c, p + ".memory");
        f.allowOnly(memory, p + ".memory", Set.of("maxShareOfLimit"));
        return new CriteriaSpec(
                f.number(agreement, p + ".agreement.min").orElse(d.minAgreement()),
                f.outputs(agreement, p + ".agreement.outputs"),
                f.number(errors, p + ".errorRate.max").orElse(d.maxErrorRate()),
                f.number(latency, p + ".latencyP99.maxRatio").orElse(d.maxLatencyRatio()),
                f.number(memory, p + ".memory.maxShareOfLimit").orElse(d.maxMemoryShare()));
    }

    /** The shared typed fields, and the shadow section's own: durations and output rules. */
    private static final class Fields extends YamlFields {

        Fields(Path file) {
            super(file);
        }

        /** {@code 10s}, {@code 2m}, {@code 1h}, {@code 500ms}, or a whole number of seconds. */
        Optional<Duration> duration(JsonNode parent, String path) {
            return text(parent, path).map(t -> {
                Matcher m = DURATION.matcher(t.trim());
                if (!m.matches()) {
                    throw wrong(path, "a duration like 10s, 2m or 1h (got `" + t + "`)");
                }
                long n = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                return switch (unit) {
                    case "ms" -> Duration.ofMillis(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofSeconds(n);
                };
            });
        }

        List<OutputRule> outputs(JsonNode parent, String path) {
            JsonNode node = child(parent, path);
            List<OutputRule> rules = new ArrayList<>();
            if (node == null) {
                return rules;
            }
            node.fields().forEachRemaining(e -> {
                String p = path + "." + e.getKey();
                JsonNode rule = object(e.getValue(), p);
                allowOnly(rule, p, Set.of("kind", "relativeTolerance"));
                String kind = text(rule, p + ".kind").orElseThrow(() -> wrong(p + ".kind", "class or number"));
                Optional<Double> tolerance = number(rule, p + ".relativeTolerance");
                switch (kind) {
                    case "class" -> {
                        if (tolerance.isPresent()) {
                            throw wrong(p + ".relativeTolerance", "absent for a class output (classes are equal or not)");
                        }
                        rules.add(OutputRule.classes(e.getKey()));
                    }
                    case "number" -> {
                        double t = tolerance.orElse(CriteriaSpec.DEFAULT_TOLERANCE);
                        if (!(t >= 0 && t < 1)) {
                            throw wrong(p + ".relativeTolerance", "at least 0 and below 1, e.g. 0.001");
                        }
                        rules.add(OutputRule.numbers(e.getKey(), t));
                    }
                    default -> throw wrong(p + ".kind", "class or number (got `" + kind + "`)");
                }
            });
            return rules;
        }
    }
}
