package io.mlship.core.diagnose;

import io.mlship.core.MlshipException;
import io.mlship.core.common.MemorySize;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What to diagnose and from which evidence. Built with {@link #builder()}. */
public final class DiagnoseRequest {

    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(30);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d|w)");

    private final DiagnoseTarget target;
    private final String name;
    private final String namespace;
    private final Optional<URI> prometheus;
    private final Duration window;
    private final Duration step;
    private final Optional<Instant> until;
    private final Duration duration;
    private final Optional<MemorySize> verifyPeak;
    private final Optional<Path> report;

    private DiagnoseRequest(Builder b) {
        this.target = Objects.requireNonNull(b.target, "target");
        if (b.name == null || b.name.isBlank()) {
            throw new MlshipException("diagnose needs the name of the container or pod (--name)");
        }
        this.name = b.name.strip();
        this.namespace = b.namespace == null || b.namespace.isBlank() ? "default" : b.namespace.strip();
        this.prometheus = Optional.ofNullable(b.prometheus);
        this.window = positive(b.window, "window");
        this.step = positive(b.step, "step");
        this.until = Optional.ofNullable(b.until);
        this.duration = positive(b.duration, "duration");
        this.verifyPeak = Optional.ofNullable(b.verifyPeak);
        this.report = Optional.ofNullable(b.report);
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new MlshipException("diagnose: the " + what + " must be a positive duration, like 30s, 3h or 14d");
        }
        return d;
    }

    /** Prometheus-style durations: {@code 30s}, {@code 5m}, {@code 3h}, {@code 14d}, {@code 2w}. */
    public static Duration parseDuration(String text, String where) {
        Matcher m = DURATION.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new MlshipException(where + ": `" + text + "` is not a duration; write it like 30s, 5m, 3h, 14d or 2w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    /** The duration in PromQL's syntax, in the largest unit that divides it. */
    static String promDuration(Duration d) {
        long s = d.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    public static Builder builder() {
        return new Builder();
    }

    public DiagnoseTarget target() {
        return target;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public Optional<URI> prometheus() {
        return prometheus;
    }

    public Duration window() {
        return window;
    }

    /** The resolution of the history queries (the subquery step; rates are taken over two steps). */
    public Duration step() {
        return step;
    }

    /** The end of the history window (default: now). */
    public Optional<Instant> until() {
        return until;
    }

    /** How long mlship samples the stats itself when there is no Prometheus. */
    public Duration duration() {
        return duration;
    }

    /** The memory peak {@code verify} measured, folded into the memory recommendation. */
    public Optional<MemorySize> verifyPeak() {
        return verifyPeak;
    }

    public Optional<Path> report() {
        return report;
    }

    public static final class Builder {
        private DiagnoseTarget target = DiagnoseTarget.DOCKER;
        private String name;
        private String namespace;
        private URI prometheus;
        private Duration window = DEFAULT_WINDOW;
        private Duration step = DEFAULT_STEP;
        private Instant until;
        private Duration duration = DEFAULT_DURATION;
        private MemorySize verifyPeak;
        private Path report;

        private Builder() {
        }

        public Builder target(DiagnoseTarget target) {
            this.target = target;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder prometheus(URI prometheus) {
            this.prometheus = prometheus;
            return this;
        }

        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        public Builder step(Duration step) {
            this.step = step;
            return this;
        }

        public Builder until(Instant until) {
            this.until = until;
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = duration;
            return this;
        }

        public Builder verifyPeak(MemorySize verifyPeak) {
            this.verifyPeak = verifyPeak;
            return this;
        }

        public Builder report(Path report) {
            this.report = report;
            return this;
        }

        public DiagnoseRequest build() {
            return new DiagnoseRequest(this);
        }
    }
}
