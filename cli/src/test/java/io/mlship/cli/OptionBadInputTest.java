package io.mlship.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every option is checked before anything runs, and the message names the option (or the mlship.yaml field). */
class OptionBadInputTest {

    @TempDir
    Path project;

    private static void assertRefused(CliRun run, String... expected) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err()).as(run.err()).startsWith("mlship: ").contains(expected).doesNotContain("Exception", "\tat ");
    }

    private void deployProject() throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: iris:1\n  target: docker\n");
    }

    @Test
    void negativeOrZeroTimeOutsAndWindowsNameTheirOption() throws Exception {
        deployProject();
        assertRefused(CliRun.of("deploy", "--project", project.toString(), "--readiness-window=0"),
                "readiness window 0 s must be a positive number of seconds (--readiness-window");
        assertRefused(CliRun.of("deploy", "--project", project.toString(), "--progress-deadline=-1"),
                "progress deadline -1 s", "--progress-deadline");
        assertRefused(CliRun.of("deploy", "--project", project.toString(), "--lock-timeout=-5"),
                "lock timeout -5 s", "--lock-timeout");
        assertRefused(CliRun.of("rollback", "--project", project.toString(), "--lock-timeout=0"), "--lock-timeout");
        assertRefused(CliRun.of("verify", "--image", "iris:1", "--memory", "512m", "--ready-timeout=-1"),
                "ready timeout -1 s must be positive", "--ready-timeout");
    }

    @Test
    void absurdSizesAreRefusedWithTheOptionName() {
        assertRefused(CliRun.of("verify", "--image", "iris:1", "--memory=99999999999999999999g"),
                "--memory: memory size `99999999999999999999g` is too large");
        assertRefused(CliRun.of("verify", "--image", "iris:1", "--memory=lots"), "--memory: memory size `lots` is not valid");
        assertRefused(CliRun.of("scan", "--archive", "x.tar", "--size-budget=huge"), "--size-budget: size `huge` is not valid");
        assertThat(CliRun.of("scan", "--archive", "x.tar", "--size-budget=huge").err()).doesNotContain("memory size");
        assertRefused(CliRun.of("logs", "capture", "--name", "x", "--out", project.resolve("c").toString(), "--rotate-size=0"),
                "--rotate-size: size `0` is zero");
        assertRefused(CliRun.of("logs", "capture", "--name", "x", "--out", project.resolve("c").toString(), "--rotate-size=10k"),
                "--rotate-size", "at least 1m");
    }

    @Test
    void aDockerHostThatIsNoAddressIsRefused() {
        assertRefused(CliRun.of("scan", "--image", "iris:1", "--docker-host=garbage"),
                "Docker host `garbage` (given explicitly: --docker-host or DOCKER_HOST) is not a Docker address");
        assertRefused(CliRun.of("verify", "--image", "iris:1", "--memory", "512m", "--docker-host", "tcp://"),
                "is not a Docker address");
    }

    @Test
    void namesGivenByOptionAreBlamedOnTheOption() throws Exception {
        deployProject();
        CliRun run = CliRun.of("deploy", "--project", project.toString(), "--name", "my model; rm -rf /");
        assertRefused(run, "--name `my model; rm -rf /` (Jenkins: name:) is not a valid name");
        assertThat(run.err()).doesNotContain("deploy.name");
        assertRefused(CliRun.of("deploy", "--project", project.toString(), "--namespace", "Bad NS"), "--namespace `Bad NS`");
    }

    @Test
    void aProjectFolderThatDoesNotExistIsSaidSo() {
        Path missing = project.resolve("no-such-project");
        assertRefused(CliRun.of("deploy", "--project", missing.toString()), missing + " does not exist (--project)");
        assertRefused(CliRun.of("rollback", "--project", missing.toString()), "does not exist (--project)");
    }

    @Test
    void unknownKeysAndAFileThatIsNoMappingAreReportedWithTheirPath() throws Exception {
        Path file = project.resolve("mlship.yaml");
        Files.writeString(file, "name: iris\nimgae: {port: 8080}\ndeploy:\n  image: iris:1\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), file + ": imgae is not a known field; known: name,");
        Files.writeString(file, "name: iris\nimage: {prot: 8080}\ndeploy:\n  image: iris:1\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), "image.prot is not a known field");
        Files.writeString(file, "name: iris\nverify: {memroy: 1g}\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), "verify.memroy is not a known field");
        Files.writeString(file, "name: iris\ndeploy:\n  image: iris:1\n  rollout: {readinesWindowSeconds: 5}\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), "deploy.rollout.readinesWindowSeconds is not a known field");
        Files.writeString(file, "- name: iris\n- deploy: {}\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), file + " must be a mapping of fields", "but it is a list");
        Files.writeString(file, "just some text\n");
        assertRefused(CliRun.of("deploy", "--project", project.toString()), "but it is a single value `just some text`");
    }

    @Test
    void aMemoryLimitAboveTheHostsMemoryIsWarnedAbout() {
        CliRun run = CliRun.of("verify", "--image", "mlship/base:busybox", "--memory", "1t", "--port", "8080",
                "--ready-timeout", "1", "--no-measure", "--log-dir", project.resolve("verify").toString());
        assertThat(run.out()).as(run.out() + run.err()).contains("WARNING: --memory ")
                .contains("is more than the Docker host's memory");
    }
}
