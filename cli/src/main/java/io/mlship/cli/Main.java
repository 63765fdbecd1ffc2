package io.mlship.cli;

import io.mlship.core.MlshipException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Entry point of the `mlship` command. Every subcommand is a thin front over one core service.
 *
 * <p>The top level and {@code scan} are built with picocli's programmatic API, the other subcommands from their
 * annotations. Reading annotations makes the JVM generate a proxy class per annotation type, and with picocli's
 * reflection over the command classes that cost a scan about 30 ms of its 0.5 s (docs/benchmarks.md, "Image
 * scan"); a scan is short enough for that to matter, the other commands run for seconds.
 */
public final class Main implements java.util.concurrent.Callable<Integer> {

    /**
     * The subcommands by name, in the order help lists them, each as picocli registers it: an annotated class or a
     * built command spec. Registered in {@link #commandLine}: picocli reflects over every registered command at
     * start-up (about 0.2 s for all of them), so a run of one subcommand registers only that one.
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("build", () -> BuildCommand.class);
        all.put("verify", () -> VerifyCommand.class);
        all.put("scan", ScanCommand::spec);
        all.put("deploy", () -> DeployCommand.class);
        all.put("rollback", () -> RollbackCommand.class);
        all.put("shadow", () -> ShadowCommand.class);
        all.put("logs", () -> LogsCommand.class);
        all.put("diagnose", () -> DiagnoseCommand.class);
        all.put("exporter", () -> ExporterCommand.class);
        all.put("demo", () -> DemoCommand.class);
        all.put("help", () -> CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(all);
    }

    /** Exit code of a command stopped by a termination signal: 128 + SIGTERM's number, as a shell reports it. */
    static final int INTERRUPTED = 143;

    private CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        TerminationHandler termination = TerminationHandler.install(Thread.currentThread(), System.err);
        int code;
        try {
            code = run(out, err, args);
        } finally {
            termination.finished();
        }
        System.exit(code);
    }

    /** Runs the command line and returns its exit code: 0 success, 1 failure, 2 bad usage, 143 stopped by SIGTERM. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        // No raw control characters reach the terminal, from any command (see VisibleControlsWriter); picocli
        // writes no colours of its own, which would be shown as text.
        CommandLine cli = commandLine(args).setOut(new PrintWriter(new VisibleControlsWriter(out), true))
                .setErr(new PrintWriter(new VisibleControlsWriter(err), true))
                .setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InterruptedException || TerminationHandler.terminating()) {
                // A termination signal (see TerminationHandler): the command has already undone what it could.
                commandLine.getErr().println("mlship: stopped by a termination signal" + (e instanceof InterruptedException ? ""
                        : " (" + e.getMessage() + ")"));
                commandLine.getErr().flush();
                return INTERRUPTED;
            }
            if (e instanceof MlshipException) {
                commandLine.getErr().println("mlship: " + e.getMessage());
                commandLine.getErr().flush();
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    /** The command line for these arguments: only the subcommand they name, or all (help, usage, a typo). */
    static CommandLine commandLine(String... args) {
        Main main = new Main();
        main.spec = CommandSpec.wrapWithoutInspection(main).name("mlship").versionProvider(new MlshipVersion());
        main.spec.usageMessage().description("Build, verify, scan and deploy machine-learning model images.");
        CommandLine cli = new CommandLine(StandardHelpOptions.addTo(main.spec));
        String first = args.length > 0 ? args[0] : "";
        boolean one = SUBCOMMANDS.containsKey(first) && !first.equals("help");
        SUBCOMMANDS.forEach((name, command) -> {
            if (!one || name.equals(first)) {
                cli.addSubcommand(name, command.get());
            }
        });
        return cli;
    }

    /** {@code mlship} without a command: the usage, on standard error, and exit code 2 (bad usage), not 0. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("mlship: name a command");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
