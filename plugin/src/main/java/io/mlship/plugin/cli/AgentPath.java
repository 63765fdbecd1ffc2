package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A file or folder on the machine where the step runs (on Jenkins a {@code FilePath}, possibly on an agent). */
public interface AgentPath {

    AgentPath child(String relative);

    /** The path as the agent's programs see it. */
    String path();

    boolean exists() throws IOException, InterruptedException;

    void mkdirs() throws IOException, InterruptedException;

    void copyFrom(InputStream content) throws IOException, InterruptedException;

    InputStream read() throws IOException, InterruptedException;

    long length() throws IOException, InterruptedException;

    /** Hex MD5 of the file's content, computed where the file is. */
    String md5() throws IOException, InterruptedException;

    void renameTo(AgentPath target) throws IOException, InterruptedException;

    void delete() throws IOException, InterruptedException;

    /** Sets the Unix permission bits, e.g. 0700 (a secret's folder, readable by the agent's user only). */
    void chmod(int mode) throws IOException, InterruptedException;

    /** Every file below this folder, as paths relative to it with '/' separators; empty when it does not exist. */
    List<String> files() throws IOException, InterruptedException;
}
