package io.mlship.cli;

import io.mlship.core.common.MemorySize;
import io.mlship.core.log.capture.CaptureSettings;
import io.mlship.core.log.capture.CaptureSummary;
import io.mlship.core.log.capture.LogCapture;
import io.mlship.core.log.capture.LogSource;
import io.mlship.core.log.capture.SourceKind;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Read standard input to its end and store it as source NAME under DIR.",
                "Every line is kept (rotated and gzip-compressed past --rotate-size), secrets are masked and an index is "
                        + "written for search; the console shows the condensed view (head, errors and warnings, similar "
                        + "lines collapsed, tail) without noise."})
final class LogsCaptureCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--name", required = true, description = "Name of the source, e.g. build or pod/web-1/model.")
    private String name;

    @Option(names = "--out", required = true, description = "Capture directory (created; other sources may already be there).")
    private Path out;

    @Option(names = "--secret", description = "A value to mask (****) everywhere; repeatable. Prefer --secret-env.")
    private List<String> secrets = new ArrayList<>();

    @Option(names = "--secret-env", description = "Name of an environment variable whose value is masked; repeatable.")
    private List<String> secretVariables = new ArrayList<>();

    @Option(names = "--noise", description = "Regex of lines to store but not show; repeatable.")
    private List<String> noise = new ArrayList<>();

    @Option(names = "--rotate-size", description = "Rotate and compress the file past this size (default: 256m).")
    private String rotateSize;

    @Option(names = "--head", defaultValue = "20", description = "Lines shown at the start (default: ${DEFAULT-VALUE}).")
    private int head;

    @Option(names = "--tail", defaultValue = "20", description = "Lines shown at the end (default: ${DEFAULT-VALUE}).")
    private int tail;

    @Override
    public Integer call() {
        PrintWriter console = spec.commandLine().getOut();
        List<String> values = new ArrayList<>(secrets);
        for (String variable : secretVariables) {
            String value = System.getenv(variable);
            if (value == null) {
                throw new io.mlship.core.MlshipException("--secret-env " + variable + ": no such environment variable is set");
            }
            values.add(value);
        }
        CaptureSettings settings = CaptureSettings.defaults().withSecrets(values).withNoise(noise).withView(head, tail);
        if (rotateSize != null) {
            settings = settings.withRotateBytes(MemorySize.parse(rotateSize, "--rotate-size").bytes());
        }
        long started = System.nanoTime();
        long bytes;
        CaptureSummary summary;
        try (LogCapture capture = LogCapture.open(out, settings, ConsoleSink.of(console))) {
            LogSource source = capture.bulkSource(name, SourceKind.STREAM);
            bytes = source.copyFrom(stdin(), "standard input");
            long stored = System.nanoTime();
            summary = capture.finish();
            long finished = System.nanoTime();
            console.println(String.format(Locale.ROOT, "captured %,d bytes in %d ms (%.0f MB/s); rotated segments compressed after %d ms more; index and files in %s",
                    bytes, (stored - started) / 1_000_000, bytes / 1e6 / Math.max(1e-9, (stored - started) / 1e9),
                    (finished - stored) / 1_000_000, summary.directory().toAbsolutePath()));
        }
        return 0;
    }

    /** Standard input, read as raw bytes (no decoding: lines are stored byte for byte). */
    private static InputStream stdin() {
        return System.in;
    }
}
