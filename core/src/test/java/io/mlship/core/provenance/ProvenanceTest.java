package io.mlship.core.provenance;

import io.mlship.core.common.FileDigest;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.common.DockerfileInstructions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Git state read with JGit from real repositories made in the test. */
class ProvenanceTest {

    @TempDir
    Path repo;

    private Git commitAll(String message) throws Exception {
        Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
        git.add().addFilepattern(".").call();
        git.commit().setMessage(message).setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").setSign(false).call();
        return git;
    }

    @Test
    void readsCommitBranchAndDirtyStateOfTheProjectFolderOnly() throws Exception {
        Path project = Files.createDirectories(repo.resolve("models/iris"));
        Files.writeString(project.resolve("model.json"), "{}");
        Files.writeString(repo.resolve("README"), "x");
        try (Git git = commitAll("first")) {
            String head = git.getRepository().resolve("HEAD").name();

            GitState clean = GitState.of(project);
            assertThat(clean.commit()).contains(head);
            assertThat(clean.branch()).contains("main");
            assertThat(clean.dirty()).isFalse();

            Files.writeString(repo.resolve("README"), "changed elsewhere");
            assertThat(GitState.of(project).dirty()).as("a change outside the project").isFalse();

            Files.writeString(project.resolve("untracked.txt"), "new");
            assertThat(GitState.of(project).dirty()).as("an untracked file in the project").isTrue();
        }
    }

    @Test
    void folderOutsideAnyRepositoryHasNoGitState() {
        // @TempDir lies under /tmp, which is no repository
        assertThat(GitState.of(repo)).isEqualTo(GitState.NOT_A_REPOSITORY);
    }

    @Test
    void remoteCredentialsNeverReachTheLabels() {
        assertThat(GitState.withoutCredentials("https://ci-bot:ghp_secret123@git.example.org/team/models.git"))
                .isEqualTo("https://git.example.org/team/models.git");
        assertThat(GitState.withoutCredentials("git@git.example.org:team/models.git")).isEqualTo("git@git.example.org:team/models.git");
    }

    @Test
    void identicalInputsGiveIdenticalLabels() throws Exception {
        Files.writeString(repo.resolve("weights.bin"), "weights");
        commitAll("model").close();
        Provenance first = provenance();
        Provenance second = provenance();
        assertThat(first.labels()).isEqualTo(second.labels());
        assertThat(first.labels()).containsEntry("io.mlship.model.file.weights.bin", first.modelFiles().get(0).sha256());
        assertThat(first.labels()).containsEntry("io.mlship.hyperparameters", "{\"epochs\":\"3\",\"lr\":\"0.01\"}")
                .containsEntry("io.mlship.git.dirty", "false")
                .doesNotContainKey("org.opencontainers.image.created");

        Files.writeString(repo.resolve("weights.bin"), "retrained weights");
        assertThat(provenance().labels().get("io.mlship.model.file.weights.bin"))
                .isNotEqualTo(first.labels().get("io.mlship.model.file.weights.bin"));
    }

    private Provenance provenance() {
        return new Provenance("m", "1", GitState.of(repo), List.of(FileDigest.of(repo, "weights.bin")),
                Optional.of("s3://data/iris"), Optional.of("v3"), Map.of("lr", "0.01", "epochs", "3"), "base:1", "sha256:abc");
    }

    @Test
    void modelFileDigestIsTheSha256OfItsBytes() throws Exception {
        Files.writeString(repo.resolve("abc.txt"), "abc");
        assertThat(FileDigest.of(repo, "abc.txt"))
                .isEqualTo(new FileDigest("abc.txt", "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", 3));
    }

    @Test
    void baseImageOfTheBuiltStageFollowsStageNames() {
        DockerfileInstructions multi = DockerfileInstructions.parse(List.of(
                "FROM python:3.11 AS deps",
                "FROM deps AS test",
                "FROM --platform=linux/amd64 mlship/base:busybox AS runtime",
                "COPY --from=deps /x /x"));
        assertThat(ProvenanceCollector.finalBaseImage(multi, null)).isEqualTo("mlship/base:busybox");
        assertThat(ProvenanceCollector.finalBaseImage(multi, "test")).isEqualTo("python:3.11");
    }
}
