package io.mlship.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code -h/--help} and {@code -V/--version} options, with the names and texts of picocli's
 * {@code mixinStandardHelpOptions}, for the commands whose command line is built in code ({@link Main},
 * {@link ScanCommand}): the mixin is itself an annotated class, read by reflection.
 */
final class StandardHelpOptions {

    private StandardHelpOptions() {
    }

    static CommandSpec addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }
}
