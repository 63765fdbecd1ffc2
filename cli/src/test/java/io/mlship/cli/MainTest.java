package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

    /**
     * The top-level list shows the first line of each command's description: it must be a whole sentence, not the
     * first part of one that picocli's line breaks cut ("send sample requests,").
     */
    @Test
    void everyCommandOnTheTopLevelListIsDescribedByOneCompleteSentence() {
        String usage = CliRun.of("--help").out();
        List<String> entries = new ArrayList<>();
        boolean inCommands = false;
        for (String line : usage.split("\\R")) {
            if (line.equals("Commands:")) {
                inCommands = true;
            } else if (inCommands && line.matches("  \\S.*")) {
                entries.add(line.strip());
            } else if (inCommands && line.startsWith("    ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
            }
        }
        assertThat(entries).extracting(e -> e.split("\\s+")[0]).containsExactlyElementsOf(Main.SUBCOMMANDS.keySet());
        for (String entry : entries) {
            String description = entry.substring(entry.indexOf(' ')).strip();
            assertThat(description).as(entry).endsWith(".").doesNotContain(". ").matches("[A-Z].*");
        }
    }

    /** Every paragraph of every command's own help (subcommands of subcommands too) ends where its sentence does. */
    @Test
    void everyDescriptionLineOfEveryCommandEndsASentence() {
        List<CommandLine> commands = new ArrayList<>(List.of(Main.commandLine()));
        for (int i = 0; i < commands.size(); i++) {
            CommandLine command = commands.get(i);
            commands.addAll(command.getSubcommands().values());
            String[] description = command.getCommandSpec().usageMessage().description();
            assertThat(description).as(command.getCommandName()).isNotEmpty();
            for (String paragraph : description) {
                // %n is picocli's line break (its own help command ends a paragraph with one)
                assertThat(paragraph.replace("%n", "")).as(command.getCommandName()).endsWith(".");
            }
        }
    }
}
