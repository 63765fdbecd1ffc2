package io.mlship.plugin.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The mlship CLI jar shipped inside the plugin (the same shaded jar as {@code ./mlship}), and its copy on the agent:
 * {@code <folder>/mlship/<sha256>/mlship.jar}, copied once per CLI version and reused while its MD5 (computed on the
 * agent) matches the shipped one. The copy goes to a temporary name first and is renamed when complete, so a step
 * that dies mid-copy leaves nothing a later step would take for a complete jar.
 */
public final class CliJar {

    static final String RESOURCE = "/io/mlship/plugin/cli/mlship-cli.jar";

    private final String sha256;
    private final String md5;
    private final Source content;

    /** Opens the jar's content. */
    public interface Source {
        InputStream open() throws IOException;
    }

    public CliJar(String sha256, String md5, Source content) {
        this.sha256 = sha256.strip().toLowerCase(Locale.ROOT);
        this.md5 = md5.strip().toLowerCase(Locale.ROOT);
        this.content = content;
    }

    /** The jar the build put into the plugin, with the digests computed at build time beside it. */
    public static CliJar bundled() {
        return new CliJar(resourceText(RESOURCE + ".sha256"), resourceText(RESOURCE + ".md5"), () -> {
            InputStream in = CliJar.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                throw new IOException("the plugin holds no " + RESOURCE + "; the hpi was built without the CLI jar");
            }
            return in;
        });
    }

    public String sha256() {
        return sha256;
    }

    /**
     * The jar on the agent below {@code folder}, copied there first if missing or different.
     *
     * @param where the agent's name, for messages
     */
    public AgentPath install(AgentPath folder, String where) throws InterruptedException {
        AgentPath directory = folder.child("mlship").child(sha256);
        AgentPath jar = directory.child("mlship.jar");
        try {
            if (jar.exists() && md5.equals(jar.md5())) {
                return jar;
            }
            directory.mkdirs();
            AgentPath part = directory.child("mlship.jar." + UUID.randomUUID() + ".part");
            try (InputStream in = content.open()) {
                part.copyFrom(in);
            }
            String copied = part.md5();
            if (!md5.equals(copied)) {
                part.delete();
                throw new CliStepException("copying the mlship CLI to " + directory.path() + " on " + where + " gave a file with MD5 "
                        + copied + " instead of " + md5 + "; check the agent's disk (full?) and run the step again");
            }
            part.renameTo(jar);
            return jar;
        } catch (IOException e) {
            throw new CliStepException("cannot put the mlship CLI into " + directory.path() + " on " + where + ": " + e.getMessage()
                    + ". The steps need a writable workspace and its @tmp folder on the agent (is the disk read-only or full?).", e);
        }
    }

    private static String resourceText(String name) {
        try (InputStream in = CliJar.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new CliStepException("the plugin holds no " + name + "; the hpi was built without the CLI jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            int space = text.indexOf(' ');
            return space < 0 ? text : text.substring(0, space);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
