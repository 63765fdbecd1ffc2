package io.mlship.core.preflight;

import io.mlship.core.common.DockerfileInstructions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classic Dockerfile mistakes: running as root, {@code latest} or missing tags, {@code ADD} of a
 * URL, and secrets baked into {@code ENV}/{@code ARG} (they stay readable in the image's history).
 */
final class DockerfileLint {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential).*");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(\\S*)|\\s+(.*))?");

    private DockerfileLint() {
    }

    static List<Finding> check(DockerfileInstructions dockerfile, String shownAs) {
        List<Finding> findings = new ArrayList<>();
        Set<String> stages = new HashSet<>();
        String lastUser = null;
        int lastFromLine = 0;
        for (DockerfileInstructions.Instruction instruction : dockerfile.all()) {
            String[] parts = instruction.text().split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String args = parts.length > 1 ? parts[1].strip() : "";
            String at = shownAs + ":" + instruction.line();
            switch (keyword) {
                case "FROM" -> {
                    checkBaseTag(args, stages, at, findings);
                    lastUser = null; // USER does not carry over into a new stage
                    lastFromLine = instruction.line();
                }
                case "USER" -> lastUser = args;
                case "ADD" -> {
                    if (args.matches("(?i)(--\\S+\\s+)*(https?|ftp)://.*")) {
                        findings.add(new Finding(Finding.Severity.WARNING, "dockerfile.add-url", at,
                                "ADD of a URL downloads without a checksum and is not cached reliably; download in a RUN "
                                        + "step that verifies a checksum, or COPY a file of the build context"));
                    }
                }
                case "ENV", "ARG" -> checkSecret(keyword, args, at, findings);
                default -> { }
            }
        }
        if (lastFromLine > 0 && (lastUser == null || lastUser.equals("root") || lastUser.equals("0") || lastUser.startsWith("0:")
                || lastUser.startsWith("root:"))) {
            findings.add(new Finding(Finding.Severity.WARNING, "dockerfile.no-user", shownAs + ":" + lastFromLine,
                    "the final stage runs as root; add `USER 65534` (or a named non-root user) before CMD — OpenShift "
                            + "refuses root containers by default"));
        }
        return findings;
    }

    private static void checkBaseTag(String args, Set<String> stages, String at, List<Finding> findings) {
        String[] words = args.split("\\s+");
        int i = 0;
        while (i < words.length && words[i].startsWith("--")) {
            i++; // --platform=...
        }
        if (i >= words.length) {
            return;
        }
        String image = words[i];
        if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
            stages.add(words[i + 2].toLowerCase(Locale.ROOT));
        }
        if (image.equals("scratch") || stages.contains(image.toLowerCase(Locale.ROOT)) || image.contains("$") || image.contains("@sha256:")) {
            return;
        }
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":")) {
            findings.add(new Finding(Finding.Severity.WARNING, "dockerfile.latest", at,
                    "base image `" + image + "` has no tag, so it means `latest` and changes under you; pin a version tag or a digest"));
        } else if (lastPart.endsWith(":latest")) {
            findings.add(new Finding(Finding.Severity.WARNING, "dockerfile.latest", at,
                    "base image `" + image + "` uses `latest`, which changes under you; pin a version tag or a digest"));
        }
    }

    private static void checkSecret(String keyword, String args, String at, List<Finding> findings) {
        Matcher m = KEY_VALUE.matcher(args);
        if (m.matches() && SECRET_NAME.matcher(m.group(1)).matches()) {
            boolean hasValue = (m.group(2) != null && !m.group(2).isEmpty()) || (m.group(3) != null && !m.group(3).isBlank());
            findings.add(new Finding(hasValue ? Finding.Severity.ERROR : Finding.Severity.WARNING, "dockerfile.secret-in-" + keyword.toLowerCase(Locale.ROOT), at,
                    keyword + " " + m.group(1) + (hasValue ? "=****" : "") + " puts a secret into the image (readable with "
                            + "`docker history`); pass it at run time (environment, mounted secret) or use a build secret mount"));
        }
    }
}
