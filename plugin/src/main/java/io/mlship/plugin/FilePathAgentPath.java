package io.mlship.plugin;

import hudson.FilePath;
import io.mlship.plugin.cli.AgentPath;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** {@link AgentPath} over a Jenkins {@link FilePath}: every call runs on the node that holds the file. */
final class FilePathAgentPath implements AgentPath {

    private final FilePath path;

    FilePathAgentPath(FilePath path) {
        this.path = path;
    }

    @Override
    public AgentPath child(String relative) {
        return new FilePathAgentPath(path.child(relative));
    }

    @Override
    public String path() {
        return path.getRemote();
    }

    @Override
    public boolean exists() throws IOException, InterruptedException {
        return path.exists();
    }

    @Override
    public void mkdirs() throws IOException, InterruptedException {
        path.mkdirs();
    }

    @Override
    public void copyFrom(InputStream content) throws IOException, InterruptedException {
        path.copyFrom(content);
    }

    @Override
    public InputStream read() throws IOException, InterruptedException {
        return path.read();
    }

    @Override
    public long length() throws IOException, InterruptedException {
        return path.length();
    }

    @Override
    public String md5() throws IOException, InterruptedException {
        return path.digest();
    }

    @Override
    public void renameTo(AgentPath target) throws IOException, InterruptedException {
        path.renameTo(((FilePathAgentPath) target).path);
    }

    @Override
    public void delete() throws IOException, InterruptedException {
        path.delete();
    }

    @Override
    public void chmod(int mode) throws IOException, InterruptedException {
        path.chmod(mode);
    }

    @Override
    public List<String> files() throws IOException, InterruptedException {
        if (!path.exists()) {
            return List.of();
        }
        String base = path.getRemote();
        List<String> names = new ArrayList<>();
        for (FilePath file : path.list("**/*")) {
            names.add(file.getRemote().substring(base.length() + 1).replace('\\', '/'));
        }
        return names;
    }
}
