package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The tests' {@link ProcessRunner}: what Jenkins' local launcher does, with a {@link ProcessBuilder}. The agent's
 * environment underneath, the given variables on top (an empty value removes one), stdout and stderr merged,
 * and on an interrupt SIGTERM first, SIGKILL after {@code softKillSeconds} if still alive.
 */
public final class LocalProcessRunner implements ProcessRunner {

    private final Path workingDirectory;
    private final long softKillSeconds;

    public LocalProcessRunner(Path workingDirectory, long softKillSeconds) {
        this.workingDirectory = workingDirectory;
        this.softKillSeconds = softKillSeconds;
    }

    @Override
    public int run(List<String> command, Map<String, String> environment, OutputStream output) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        environment.forEach((name, value) -> {
            if (value.isEmpty()) {
                builder.environment().remove(name);
            } else {
                builder.environment().put(name, value);
            }
        });
        Process process = builder.start();
        Thread pump = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[8192];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (output) {
                        output.write(buffer, 0, n);
                        output.flush();
                    }
                }
            } catch (IOException ignored) {
                // the process ended or the output was closed
            }
        }, "process-output");
        pump.start();
        try {
            int exit = process.waitFor();
            pump.join();
            return exit;
        } catch (InterruptedException e) {
            // SIGTERM through the handle: Process.destroy would also close the output pipe, and the log of the
            // process's clean-up would be lost (Jenkins' launcher keeps reading it).
            process.toHandle().destroy();
            if (!process.waitFor(softKillSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            pump.join(5_000);
            throw e;
        }
    }
}
