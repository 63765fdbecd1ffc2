package io.mlship.core.provenance;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Where the built sources come from in git: commit, branch, whether the project folder has
 * uncommitted changes (tracked or untracked), and the origin remote without credentials.
 */
public record GitState(Optional<String> commit, Optional<String> branch, boolean dirty, Optional<String> remote) {

    public static final GitState NOT_A_REPOSITORY = new GitState(Optional.empty(), Optional.empty(), false, Optional.empty());

    public static GitState of(Path directory) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            return NOT_A_REPOSITORY;
        }
        try (Repository repository = builder.build(); Git git = new Git(repository)) {
            ObjectId head = repository.resolve(Constants.HEAD);
            String branch = repository.getBranch();
            Optional<String> commit = Optional.ofNullable(head).map(ObjectId::name);
            // A detached HEAD "branch" is the commit id itself: no branch then.
            Optional<String> namedBranch = Optional.ofNullable(branch).filter(b -> commit.map(c -> !c.equals(b)).orElse(true));
            StatusCommand status = git.status();
            Path root = repository.getWorkTree().toPath().toAbsolutePath().normalize();
            Path project = directory.toAbsolutePath().normalize();
            if (!project.equals(root) && project.startsWith(root)) {
                status.addPath(root.relativize(project).toString().replace('\\', '/'));
            }
            boolean dirty = !status.call().isClean();
            Optional<String> remote = Optional.ofNullable(repository.getConfig().getString("remote", "origin", "url"))
                    .map(GitState::withoutCredentials);
            return new GitState(commit, namedBranch, dirty, remote);
        } catch (IOException | GitAPIException e) {
            throw new MlshipException("cannot read the git state of " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@code https://user:token@host/repo} must never end up in an image label. */
    static String withoutCredentials(String url) {
        return url.replaceFirst("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@", "$1");
    }
}
