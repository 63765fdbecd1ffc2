package io.mlship.plugin;

import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import io.mlship.core.docker.DockerEndpoint;
import io.mlship.core.image.ImageBuildService;
import io.mlship.core.image.ModelBuildRequest;
import io.mlship.core.image.ModelBuildResult;
import io.mlship.core.log.PrintStreamLogSink;
import io.mlship.core.registry.RegistryCredentials;
import io.mlship.core.report.ReportFiles;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The plain-Java half of {@code mlBuildImage}: from the step's fields, the workspace, the build's
 * directory and its environment to a core build. Holds no Jenkins type, so it is tested directly.
 * Registry credentials come from the environment ({@code withCredentials} binds them and masks them
 * in the log), never from step arguments.
 */
record BuildImageInvocation(Path workspace, Path buildDirectory, Map<String, String> environment) {

    static final String USER_VARIABLE = "MLSHIP_REGISTRY_USER";
    static final String PASSWORD_VARIABLE = "MLSHIP_REGISTRY_PASSWORD";

    ModelBuildResult build(BuildImageStep step, PrintStream log) throws InterruptedException {
        Path logDirectory = StepFolders.next(buildDirectory, "build");
        ModelBuildRequest request = new ModelBuildRequest(workspace.resolve(step.getContext()),
                step.getDockerfile() == null ? null : Path.of(step.getDockerfile()),
                new ImageReference(step.getImage()), Map.of(), Optional.ofNullable(step.getTarget()), Map.of(), false,
                step.isFailOnUnpinned(), Optional.ofNullable(step.getPush()).map(ImageReference::new), credentials(step), logDirectory);
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.ofNullable(step.getDockerHost()), environment);
        log.println("[mlship] building " + step.getImage() + " on " + endpoint.host() + " (" + endpoint.chosenBecause() + ")");
        ModelBuildResult result = ImageBuildService.run(endpoint, request,
                StepLogOptions.settings(BuildImageStep.FUNCTION, step.getNoise(), step.getMaskVariables(), environment),
                ReportFiles.BUILD.in(logDirectory), new PrintStreamLogSink(log));
        log.println("[mlship] image " + result.build().image() + " = " + result.build().imageId());
        log.println("[mlship] complete build log: " + result.build().logFile());
        return result;
    }

    private Optional<RegistryCredentials> credentials(BuildImageStep step) {
        String user = environment.get(USER_VARIABLE);
        if (step.getPush() == null || user == null || user.isBlank()) {
            return Optional.empty();
        }
        String password = environment.get(PASSWORD_VARIABLE);
        if (password == null || password.isEmpty()) {
            throw new MlshipException("mlBuildImage: $" + USER_VARIABLE + " is set but $" + PASSWORD_VARIABLE + " is not; bind both "
                    + "with withCredentials([usernamePassword(credentialsId: '...', usernameVariable: '" + USER_VARIABLE
                    + "', passwordVariable: '" + PASSWORD_VARIABLE + "')])");
        }
        return Optional.of(new RegistryCredentials(user, password));
    }
}
