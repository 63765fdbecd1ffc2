package io.mlship.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.common.DockerfileInstructions;
import io.mlship.core.log.LogSink;
import io.mlship.core.project.ModelProject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @TempDir
    Path project;

    private List<Finding> lint(String... lines) {
        return DockerfileLint.check(DockerfileInstructions.parse(List.of(lines)), "Dockerfile");
    }

    private static List<String> rules(List<Finding> findings) {
        return findings.stream().map(Finding::rule).toList();
    }

    @Test
    void flagsUnpinnedRequirementsWithTheirLine() throws Exception {
        Path requirements = Files.writeString(project.resolve("requirements.txt"), String.join("\n",
                "# pinned ones pass",
                "numpy==1.26.4",
                "scikit-learn[alldeps]==1.4.2 ; python_version >= \"3.9\"",
                "torch===2.2.0",
                "-r other.txt",
                "--index-url https://mirror.example/simple",
                "pandas>=2.0",
                "requests",
                "fastapi~=0.110",
                "tensorflow==2.*",
                ""));

        List<Finding> flagged = RequirementsCheck.check(requirements, "requirements.txt", false);

        assertThat(flagged).extracting(Finding::location)
                .containsExactly("requirements.txt:7", "requirements.txt:8", "requirements.txt:9", "requirements.txt:10");
        assertThat(flagged).allMatch(f -> f.severity() == Finding.Severity.WARNING);
        assertThat(RequirementsCheck.check(requirements, "requirements.txt", true)).allMatch(f -> f.severity() == Finding.Severity.ERROR);
    }

    @Test
    void lintFindsTheClassicMistakes() {
        List<Finding> findings = lint(
                "FROM python",
                "FROM python:latest AS deps",
                "ADD https://example.org/model.bin /srv/model.bin",
                "ENV AWS_SECRET_ACCESS_KEY=abc123",
                "ARG HF_TOKEN",
                "CMD [\"python\"]");
        assertThat(rules(findings)).containsExactlyInAnyOrder("dockerfile.latest", "dockerfile.latest", "dockerfile.add-url",
                "dockerfile.secret-in-env", "dockerfile.secret-in-arg", "dockerfile.no-user");
        Finding secret = findings.stream().filter(f -> f.rule().equals("dockerfile.secret-in-env")).findFirst().orElseThrow();
        assertThat(secret.severity()).isEqualTo(Finding.Severity.ERROR);
        assertThat(secret.message()).contains("AWS_SECRET_ACCESS_KEY=****").doesNotContain("abc123");
        assertThat(secret.location()).isEqualTo("Dockerfile:4");
    }

    @Test
    void cleanDockerfilePasses() {
        assertThat(lint(
                "FROM python:3.11-slim AS build",
                "RUN pip install --no-cache-dir numpy==1.26.4",
                "FROM build",
                "FROM registry.local:5000/base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                "ARG MODEL_VERSION=1",
                "USER 65534",
                "CMD [\"serve\"]")).isEmpty();
    }

    @Test
    void userMustBeNonRootInTheFinalStage() {
        assertThat(rules(lint("FROM a:1", "USER app", "FROM b:1", "CMD x"))).containsExactly("dockerfile.no-user");
        assertThat(rules(lint("FROM a:1", "USER root"))).containsExactly("dockerfile.no-user");
        assertThat(lint("FROM a:1", "USER 1001:0")).isEmpty();
    }

    @Test
    void missingModelFilesAreErrorsAndPresentOnesReportTheirSize() throws Exception {
        Files.createDirectories(project.resolve("model"));
        Files.write(project.resolve("model/weights.bin"), new byte[3 * 1024 * 1024]);
        Files.writeString(project.resolve(ModelProject.FILE_NAME), String.join("\n",
                "name: m",
                "model:",
                "  files: [model/weights.bin, model/tokenizer.json, ../outside.bin]",
                ""));

        PreflightResult result = Preflight.check(new PreflightRequest(ModelProject.load(project), null, false), LogSink.discarding());

        assertThat(result.passed()).isFalse();
        assertThat(result.findings()).anyMatch(f -> f.rule().equals("model.file-size") && f.location().equals("model/weights.bin")
                && f.message().startsWith("3.0 MiB"));
        assertThat(result.errors()).extracting(Finding::rule).containsExactly("model.file-missing", "model.file-outside");
        assertThat(result.errors().get(0).message()).contains("model/tokenizer.json");
    }
}
