package io.mlship.plugin.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The feature version of a Java runtime from what {@code java -version} prints; the CLI needs 17 or later. */
public final class JavaVersion {

    public static final int REQUIRED = 17;

    private static final Pattern VERSION = Pattern.compile("version \"(\\d+)(?:\\.(\\d+))?[^\"]*\"");

    private JavaVersion() {
    }

    /** The feature version (8 for "1.8.0_392", 17 for "17.0.9"), or -1 when the text holds none. */
    public static int parse(String versionOutput) {
        Matcher m = VERSION.matcher(versionOutput);
        if (!m.find()) {
            return -1;
        }
        int first = Integer.parseInt(m.group(1));
        return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
    }

    /** Fails with what was found, where, and what to change when the runtime is missing or older than 17. */
    public static void require(String java, int exitCode, String versionOutput, String where) {
        int version = parse(versionOutput);
        if (exitCode != 0 || version < 0) {
            throw new CliStepException("`" + java + " -version` on " + where + " did not report a Java version (exit code " + exitCode
                    + "): " + firstLine(versionOutput) + ". The mlship steps run the mlship CLI with the agent's Java " + REQUIRED
                    + " or later: install it on the agent, or point JAVA_HOME at it (e.g. with the `tools { jdk '...' }` directive).");
        }
        if (version < REQUIRED) {
            throw new CliStepException("the Java on " + where + " (`" + java + "`) is version " + version + "; the mlship CLI needs Java "
                    + REQUIRED + " or later. Install it on the agent, or point JAVA_HOME at it (e.g. `tools { jdk '...' }`).");
        }
    }

    private static String firstLine(String text) {
        String trimmed = text.strip();
        int nl = trimmed.indexOf('\n');
        return trimmed.isEmpty() ? "(no output)" : nl < 0 ? trimmed : trimmed.substring(0, nl);
    }
}
