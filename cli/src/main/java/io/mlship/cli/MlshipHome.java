package io.mlship.cli;

import java.nio.file.Path;

/** The mlship checkout the CLI runs from: the launcher passes it as -Dmlship.home; else the working directory. */
final class MlshipHome {

    private MlshipHome() {
    }

    static Path path() {
        String home = System.getProperty("mlship.home");
        return Path.of(home == null || home.isBlank() ? "." : home).toAbsolutePath().normalize();
    }
}
