package io.mlship.plugin.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one {@link CliCall} where the step runs, as Docker Pipeline runs {@code docker}: checks the agent's Java,
 * puts the CLI jar there (once per version), starts {@code java -jar mlship.jar ...} in the workspace with the
 * environment {@link CliEnvironment} allows, streams its console into the build log, and reads back the JSON report
 * it wrote. Holds no Jenkins type: the Jenkins side supplies a {@link ProcessRunner} and {@link AgentPath}s.
 */
public final class CliRunner {

    /** A report larger than this is not read into the controller (the page would not show it anyway). */
    static final long REPORT_LIMIT = 32L << 20;

    private final ProcessRunner processes;
    private final AgentPath workspace;
    private final AgentPath temporary;
    private final PrintStream log;
    private final String where;

    /** The exit code and the report the CLI wrote (null when it wrote none, e.g. on a usage error). */
    public record Outcome(int exitCode, Report report) {

        /** 143: the CLI was stopped by SIGTERM (Jenkins' Stop button) and undid what it could first. */
        public boolean terminated() {
            return exitCode == 143;
        }
    }

    /**
     * @param workspace the step's workspace, the CLI's working directory
     * @param temporary a folder beside it for the jar and an empty home (Jenkins: {@code <workspace>@tmp})
     * @param where     the agent and workspace, for messages
     */
    public CliRunner(ProcessRunner processes, AgentPath workspace, AgentPath temporary, PrintStream log, String where) {
        this.processes = processes;
        this.workspace = workspace;
        this.temporary = temporary;
        this.log = log;
        this.where = where;
    }

    /** The agent's Java: JAVA_HOME of the pipeline (e.g. set by {@code tools { jdk }}), else {@code java} on its PATH. */
    public static String javaCommand(Map<String, String> pipeline) {
        String home = pipeline.get("JAVA_HOME");
        return home == null || home.isBlank() ? "java" : home + "/bin/java";
    }

    public Outcome run(CliCall call, CliEnvironment environment, String java, CliJar cli) throws InterruptedException {
        requireJava(java);
        AgentPath jar = cli.install(temporary, where);
        AgentPath home = temporary.child("mlship").child("home");
        prepare(home, "an empty home folder for the CLI");
        prepare(workspace.child(call.runFolder()), "the step's run folder");
        if (environment.secretFiles().isEmpty()) {
            return start(call, environment, java, cli, jar, home);
        }
        AgentPath secrets = temporary.child("mlship").child("secrets-" + UUID.randomUUID());
        try {
            return start(call, environment.withSecretFilesAt(writeSecretFiles(secrets, environment.secretFiles())), java, cli, jar, home);
        } finally {
            deleteSecretFiles(secrets, environment.secretFiles().keySet());
        }
    }

    private Outcome start(CliCall call, CliEnvironment environment, String java, CliJar cli, AgentPath jar, AgentPath home)
            throws InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(environment.jvmOptions(home.path()));
        command.add("-jar");
        command.add(jar.path());
        command.addAll(call.arguments());
        log.println("[mlship] mlship " + String.join(" ", call.arguments()) + "   (CLI " + cli.sha256().substring(0, 12) + " on " + where
                + (environment.usesAgentEnvironment() ? ", with the agent's own environment" : "") + ")");
        int exit;
        // Jenkins masks only what withCredentials bound; the step's own credentials are masked here.
        MaskingOutputStream masked = new MaskingOutputStream(log, environment.secretValues());
        try {
            exit = processes.run(command, environment.variables(home.path()), masked);
        } catch (IOException e) {
            throw new CliStepException("cannot start the mlship CLI on " + where + ": " + e.getMessage(), e);
        } finally {
            flushQuietly(masked); // the last line without a newline, also when the step was stopped
        }
        return new Outcome(exit, readReport(call.report()));
    }

    /**
     * Writes each secret file (e.g. a kubeconfig credential) into a folder only the agent's user can open; returns
     * the variables that point at them. The folder is deleted after the run, whatever its outcome.
     */
    private Map<String, String> writeSecretFiles(AgentPath folder, Map<String, byte[]> files) throws InterruptedException {
        Map<String, String> paths = new LinkedHashMap<>();
        try {
            folder.mkdirs();
            folder.chmod(0700);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                AgentPath path = folder.child(file.getKey());
                path.copyFrom(new ByteArrayInputStream(file.getValue()));
                path.chmod(0400);
                paths.put(file.getKey(), path.path());
            }
        } catch (IOException e) {
            throw new CliStepException("cannot write the credential files for $" + String.join(", $", files.keySet()) + " into "
                    + folder.path() + " on " + where + ": " + e.getMessage() + ". The steps need a writable @tmp folder beside the "
                    + "workspace.", e);
        }
        return paths;
    }

    private void deleteSecretFiles(AgentPath folder, Iterable<String> names) throws InterruptedException {
        try {
            for (String name : names) {
                folder.child(name).delete();
            }
            folder.delete();
        } catch (IOException e) {
            log.println("[mlship] could not delete the credential files in " + folder.path() + " on " + where + " (" + e.getMessage()
                    + "); delete that folder by hand");
        }
    }

    private static void flushQuietly(MaskingOutputStream masked) {
        try {
            masked.flush();
        } catch (IOException e) {
            // the build log is gone (the build was deleted or the controller is stopping): nothing left to tell
        }
    }

    private void requireJava(String java) throws InterruptedException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try {
            exit = processes.run(List.of(java, "-version"), Map.of(), output);
        } catch (IOException e) {
            throw new CliStepException("cannot run `" + java + "` on " + where + " (" + e.getMessage() + "). The mlship steps run the "
                    + "mlship CLI with the agent's Java " + JavaVersion.REQUIRED + " or later: install it on the agent, or point "
                    + "JAVA_HOME at it (e.g. `tools { jdk '...' }`).", e);
        }
        JavaVersion.require(java, exit, output.toString(StandardCharsets.UTF_8), where);
    }

    private void prepare(AgentPath folder, String what) throws InterruptedException {
        try {
            folder.mkdirs();
        } catch (IOException e) {
            throw new CliStepException("cannot create " + what + ", " + folder.path() + ", on " + where + ": " + e.getMessage()
                    + ". The steps need a writable workspace and @tmp folder (is the disk read-only or full?).", e);
        }
    }

    private Report readReport(String relative) throws InterruptedException {
        AgentPath file = workspace.child(relative);
        try {
            if (!file.exists()) {
                return null;
            }
            long length = file.length();
            if (length > REPORT_LIMIT) {
                throw new CliStepException("the report " + file.path() + " on " + where + " is " + length + " bytes, more than the "
                        + REPORT_LIMIT + " the build page reads; it stays in the workspace");
            }
            try (InputStream in = file.read()) {
                return Report.parse(file.path(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new CliStepException("cannot read the report " + file.path() + " on " + where + ": " + e.getMessage(), e);
        }
    }
}
