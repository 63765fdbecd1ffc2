package io.mlship.plugin;

import hudson.AbortException;
import hudson.FilePath;
import hudson.slaves.WorkspaceList;
import io.mlship.plugin.cli.CliCall;
import io.mlship.plugin.cli.CliEnvironment;
import io.mlship.plugin.cli.CliJar;
import io.mlship.plugin.cli.CliRunner;
import io.mlship.plugin.cli.CliStepException;
import io.mlship.plugin.cli.CredentialUse;
import io.mlship.plugin.cli.CredentialsLookup;
import io.mlship.plugin.cli.Report;
import io.mlship.plugin.cli.ResultCapture;
import io.mlship.plugin.cli.RunFolder;
import io.mlship.plugin.cli.StepCredentials;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Jenkins half of running a step's CLI call: on the node of the workspace through its {@code Launcher}, then a
 * bounded copy of the run folder's reports, index files and log tails into {@code <build>/mlship/<run>/}.
 */
final class AgentCliRun {

    private final String step;
    private final StepEnvironment env;
    /** The process environment of the call built last. */
    private CliEnvironment cli;

    AgentCliRun(String step, StepEnvironment env) {
        this.step = step;
        this.env = env;
    }

    /**
     * The step's credentials ids resolved (see {@link StepCredentials}), or the step fails with which id, which parameter
     * and what to change. Logs which variables they set, never a value.
     */
    StepCredentials credentials(Map<CredentialUse, String> ids, CredentialsLookup lookup) throws AbortException, InterruptedException {
        if (ids.isEmpty()) {
            return StepCredentials.none();
        }
        try {
            StepCredentials credentials = StepCredentials.resolve(ids, env.environment().get("JOB_NAME"), lookup);
            credentials.described().forEach(line -> env.log().println("[mlship] credentials: " + line + " (masked)"));
            return credentials;
        } catch (CliStepException e) {
            throw new AbortException(step + ": " + e.getMessage());
        }
    }

    /** The step's command line, or the step fails with why it cannot be built (no Docker daemon named, an unbound variable). */
    CliCall call(Function<CliEnvironment, CliCall> calls, boolean useAgentEnvironment, List<String> maskVariables,
                 StepCredentials credentials) throws AbortException {
        try {
            cli = new CliEnvironment(credentials.over(env.environment()), useAgentEnvironment, maskVariables, credentials.files());
            return calls.apply(cli);
        } catch (CliStepException e) {
            throw new AbortException(step + ": " + e.getMessage());
        }
    }

    String runFolder(String kind) {
        return RunFolder.next(kind, env.environment().get("BUILD_NUMBER"));
    }

    /** Runs the call; the outcome holds the report, or the step fails with what went wrong. */
    CliRunner.Outcome run(CliCall call) throws IOException, InterruptedException {
        FilePath temporary = WorkspaceList.tempDir(env.workspace());
        if (temporary == null) {
            throw new AbortException(step + ": the workspace " + env.workspace().getRemote() + " has no @tmp folder beside it");
        }
        CliRunner runner = new CliRunner(new LauncherProcessRunner(env.launcher(), env.workspace()),
                new FilePathAgentPath(env.workspace()), new FilePathAgentPath(temporary), env.log(), env.where());
        CliRunner.Outcome outcome;
        try {
            outcome = runner.run(call, cli, CliRunner.javaCommand(env.environment()), CliJar.bundled());
        } catch (CliStepException e) {
            throw new AbortException(step + ": " + e.getMessage());
        }
        keepResults(call);
        if (outcome.terminated()) {
            throw new AbortException(step + ": the mlship CLI was stopped (SIGTERM) and undid what it could; see the log above");
        }
        return outcome;
    }

    /** The report, or the failure: the CLI printed its error (what, where, how to fix) into the log above. */
    Report requireReport(CliRunner.Outcome outcome, CliCall call) throws AbortException {
        if (outcome.report() == null) {
            throw new AbortException(step + ": mlship " + call.command() + " exited with code " + outcome.exitCode() + " and wrote no report ("
                    + call.report() + "); its error is in the log above");
        }
        return outcome.report();
    }

    /** The build's report page shows this step's report, or says it is missing when the CLI wrote none. */
    private void expectReport(CliCall call, String folder) {
        String report = call.report().substring(call.report().lastIndexOf('/') + 1);
        String kind = DeliveryReportAction.KINDS.get(report);
        if (kind != null && call.report().startsWith(call.runFolder() + "/")) {
            DeliveryReportAction.of(env.run()).expect(folder + "/" + report, kind);
        }
    }

    private void keepResults(CliCall call) throws InterruptedException {
        String folder = call.runFolder().substring(call.runFolder().lastIndexOf('/') + 1);
        Path target = env.buildDirectory().resolve("mlship").resolve(folder);
        expectReport(call, folder);
        try {
            ResultCapture.Copied copied = ResultCapture.copy(new FilePathAgentPath(env.workspace().child(call.runFolder())), target);
            env.log().println("[mlship] kept " + copied.files().size() + " result files with the build (" + target + "); complete logs: "
                    + call.runFolder() + " in the workspace (archiveArtifacts '" + RunFolder.ROOT + "/**' keeps them)");
            copied.skipped().forEach(s -> env.log().println("[mlship] not copied to the build: " + s));
        } catch (IOException e) {
            env.log().println("[mlship] could not copy the results to the build folder: " + e.getMessage());
        }
    }
}
