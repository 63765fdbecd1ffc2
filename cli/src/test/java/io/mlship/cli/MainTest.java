package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Subcommands are registered per run: only the one named, or all of them for help and usage. */
class MainTest {

    @Test
    void eachSubcommandIsRegisteredUnderTheNameItsAnnotationGives() {
        Main.SUBCOMMANDS.forEach((name, command) ->
                assertThat(command.getAnnotation(CommandLine.Command.class).name()).as(command.getName()).isEqualTo(name));
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
        assertThat(usage.out()).contains("build", "verify", "scan", "deploy", "rollback", "logs", "demo");
        CliRun help = CliRun.of("help", "scan");
        assertThat(help.out()).contains("--archive");
    }
}
