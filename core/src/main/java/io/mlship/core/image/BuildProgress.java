package io.mlship.core.image;

import com.github.dockerjava.api.model.BuildResponseItem;
import io.mlship.core.log.LineSplitter;
import io.mlship.core.log.LogSink;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Follows the classic builder's stream: forwards every line, remembers which step is running and
 * what that step printed, and records the daemon's error if the build fails.
 */
final class BuildProgress {

    private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");
    /** Bookkeeping lines of the builder, not output of the step's own command. */
    private static final Pattern BUILDER_CHATTER = Pattern.compile("^( ---> |Removing intermediate container )");
    /** The daemon colours a step's stderr with SGR escapes; they would only hinder reading and searching. */
    private static final Pattern COLOUR = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final int MAX_STEP_OUTPUT_LINES = 40;
    private static final Pattern DAEMON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final LogSink out;
    private final LineSplitter lines;
    private final List<String> stepOutput = new ArrayList<>();
    private int currentStep;
    private String error;

    BuildProgress(LogSink out) {
        this.out = out;
        this.lines = new LineSplitter(this::line);
    }

    void accept(BuildResponseItem item) {
        if (item.getStream() != null) {
            lines.accept(item.getStream());
        }
        if (item.getErrorDetail() != null || item.getError() != null) {
            lines.finish();
            String message = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                    ? item.getErrorDetail().getMessage() : item.getError();
            error = message;
            out.line("ERROR: " + message);
        }
    }

    void transportFailed(RuntimeException e) {
        lines.finish();
        String refused = refusal(e);
        error = refused != null ? "the Docker daemon refused the build: " + refused
                : "the build stream from the Docker daemon broke: " + e.getMessage();
        out.line("ERROR: " + error);
    }

    /**
     * What the daemon said when it refused the request itself (HTTP 400: a Dockerfile that does not parse, an
     * unknown stage), without the status and JSON around it: {@code dockerfile parse error line 2: unknown
     * instruction: FOO}.
     */
    private static String refusal(RuntimeException e) {
        if (!(e instanceof com.github.dockerjava.api.exception.BadRequestException) || e.getMessage() == null) {
            return null;
        }
        Matcher message = DAEMON_MESSAGE.matcher(e.getMessage());
        return message.find() ? message.group(1).replace("\\\"", "\"").strip() : null;
    }

    void finish() {
        lines.finish();
    }

    private void line(String raw) {
        String text = COLOUR.matcher(raw).replaceAll("");
        out.line(text);
        Matcher step = STEP.matcher(text);
        if (step.matches()) {
            currentStep = Integer.parseInt(step.group(1));
            stepOutput.clear();
        } else if (!BUILDER_CHATTER.matcher(text).find()) {
            stepOutput.add(text);
            if (stepOutput.size() > MAX_STEP_OUTPUT_LINES) {
                stepOutput.remove(0); // the message keeps the tail; the log file keeps everything
            }
        }
    }

    int currentStep() {
        return currentStep;
    }

    List<String> currentStepOutput() {
        return List.copyOf(stepOutput);
    }

    String error() {
        return error;
    }
}
