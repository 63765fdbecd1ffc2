package io.mlship.plugin.stage;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code unstableOn} option of a step: the failures (by name, comma-separated, e.g. {@code 'OOM'} or
 * {@code 'INCONCLUSIVE, ABORTED'}) that mark the stage and the run UNSTABLE instead of failing the step. Each step
 * names the failures it allows here; every other failure, and any failure not named, still fails the step, so a
 * typo can never soften a failure (fail closed: an unknown name is an error, not ignored).
 */
public final class UnstableOn {

    public static final UnstableOn NONE = new UnstableOn(Set.of());

    private final Set<String> failures;

    private UnstableOn(Set<String> failures) {
        this.failures = failures;
    }

    /**
     * @param step    the step's function name, for the error
     * @param value   the option as written, blank for none
     * @param allowed the failures this step may soften
     * @throws IllegalArgumentException naming the unknown entry and the allowed ones
     */
    public static UnstableOn parse(String step, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String entry : value.split(",")) {
            String name = entry.trim().toUpperCase(java.util.Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException(step + ": unstableOn '" + entry.trim() + "' is not a failure this step can mark unstable; "
                        + (allowed.isEmpty() ? "it has none, remove unstableOn"
                                : "use one or more of " + allowed.stream().sorted().collect(Collectors.joining(", ")) + ", comma-separated"));
            }
            names.add(name);
        }
        return new UnstableOn(Set.copyOf(names));
    }

    public boolean contains(String failure) {
        return failures.contains(failure);
    }

    /** The names, sorted, comma-separated (how the option is written back). */
    @Override
    public String toString() {
        return Arrays.stream(failures.toArray(String[]::new)).sorted().collect(Collectors.joining(","));
    }
}
