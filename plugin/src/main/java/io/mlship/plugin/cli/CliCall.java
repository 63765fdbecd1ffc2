package io.mlship.plugin.cli;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * One run of the {@code mlship} CLI as a step makes it: the arguments after {@code java -jar mlship.jar}, exactly
 * as the CLI accepts them, the run folder (relative to the workspace, where the CLI writes logs and reports) and
 * the report the step reads back. Secrets never appear here: they travel in the process environment.
 */
public record CliCall(List<String> arguments, String runFolder, String report) {

    public CliCall {
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(runFolder, "runFolder");
        Objects.requireNonNull(report, "report");
    }

    /** The subcommand ({@code build}, {@code verify}, ...). */
    public String command() {
        return arguments.get(0);
    }

    public static Builder command(String name, String runFolder) {
        return new Builder(name, runFolder);
    }

    /** Adds options in order, leaving out the ones the step left unset, so the CLI's own defaults apply. */
    public static final class Builder {

        private final List<String> arguments = new ArrayList<>();
        private final String runFolder;
        private String report;

        private Builder(String name, String runFolder) {
            arguments.add(name);
            this.runFolder = runFolder;
        }

        /** A subcommand's word, e.g. {@code run} of {@code mlship shadow run}. */
        public Builder subcommand(String name) {
            arguments.add(name);
            return this;
        }

        public Builder option(String name, Object value) {
            if (value != null) {
                arguments.add(name);
                arguments.add(String.valueOf(value));
            }
            return this;
        }

        public Builder flag(String name, boolean set) {
            if (set) {
                arguments.add(name);
            }
            return this;
        }

        /** A repeatable option: once per value. */
        public Builder repeated(String name, Collection<String> values) {
            values.forEach(v -> option(name, v));
            return this;
        }

        /** The report file, relative to the workspace; passed as {@code option} and read back by the step. */
        public Builder report(String option, String file) {
            this.report = file;
            return option(option, file);
        }

        /** The report the CLI writes under the run folder by itself (deploy, rollback). */
        public Builder implicitReport(String file) {
            this.report = file;
            return this;
        }

        public CliCall build() {
            return new CliCall(arguments, runFolder, report);
        }
    }
}
