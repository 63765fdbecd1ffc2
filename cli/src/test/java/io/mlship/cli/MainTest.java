package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Subcommands are registered per run: only the one named, or all of them for help and usage. */
class MainTest {

    @Test
    void eachSubcommandIsRegisteredUnderTheNameItsCommandLineGives() {
        Main.SUBCOMMANDS.forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).as(name).isEqualTo(name));
    }

    @Test
    void theCommandsBuiltInCodeHaveTheStandardHelpAndVersionOptions() {
        for (String[] args : new String[][] {{"--version"}, {"-V"}, {"scan", "--version"}}) {
            CliRun version = CliRun.of(args);
            assertThat(version.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(version.out()).as(String.join(" ", args)).startsWith("mlship ");
        }
        CliRun help = CliRun.of("scan", "-h");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: mlship scan [-hV]", "(--image=<image> |", "--archive=<archive>)",
                "--db=<db>", "--format=<formats>[,<formats>...]", "--fail-on=<failOn>", "--allowlist=<allowlist>",
                "--output=<output>", "--docker-host=<dockerHost>", "Image size to warn above (default: 2Gi).",
                "-h, --help", "Show this help message and exit.", "-V, --version", "Print version information and exit.");
    }

    @Test
    void aRunOfOneSubcommandRegistersOnlyThatOne() {
        assertThat(Main.commandLine("scan", "--archive", "x.tar").getSubcommands()).containsOnlyKeys("scan");
        assertThat(Main.commandLine("logs", "search").getSubcommands()).containsOnlyKeys("logs");
    }

    @Test
    void helpUsageAndUnknownNamesSeeEverySubcommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"help", "scan"}, {"scna"}}) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        }
        CliRun usage = CliRun.of("--help");
        assertThat(usage.out()).contains("build", "verify", "scan", "deploy", "rollback", "logs", "diagnose", "exporter", "demo");
        CliRun help = CliRun.of("help", "scan");
        assertThat(help.out()).contains("--archive");
    }
}
