package io.mlship.core.preflight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Flags Python requirements that are not pinned to one version ({@code ==} or {@code ===}): an unpinned
 * {@code numpy>=1.20} installs whatever is newest on the day, which is how images break late.
 */
final class RequirementsCheck {

    /** {@code name[extras]==version}, optionally followed by markers or hashes. */
    private static final Pattern PINNED = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*(\\[[^]]*])?\\s*===?\\s*[^\\s;,*]+(\\s*;.*)?(\\s+--hash=.*)?$");

    private RequirementsCheck() {
    }

    static List<Finding> check(Path requirements, String shownAs, boolean unpinnedIsError) throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> lines = Files.readAllLines(requirements, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int comment = line.indexOf(" #");
            String requirement = (line.startsWith("#") ? "" : comment >= 0 ? line.substring(0, comment) : line).strip();
            if (requirement.isEmpty() || requirement.startsWith("-")) {
                continue; // options such as -r other.txt, --index-url, -e . are not requirements of their own
            }
            if (!PINNED.matcher(requirement).matches()) {
                findings.add(new Finding(unpinnedIsError ? Finding.Severity.ERROR : Finding.Severity.WARNING,
                        "requirements.unpinned", shownAs + ":" + (i + 1),
                        "`" + requirement + "` is not pinned to one version; write name==version (e.g. the version "
                                + "`pip freeze` shows) so every build installs the same package"));
            }
        }
        return findings;
    }
}
