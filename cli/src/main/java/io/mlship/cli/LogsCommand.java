package io.mlship.cli;

import picocli.CommandLine.Command;

/** `mlship logs capture|search`: the log capture every step uses, for any stream and any folder it wrote. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Capture a stream into complete, indexed, masked log files, or search what a capture stored.",
        subcommands = {LogsCaptureCommand.class, LogsSearchCommand.class})
final class LogsCommand implements Runnable {

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
