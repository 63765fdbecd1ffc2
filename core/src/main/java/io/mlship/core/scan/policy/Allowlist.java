package io.mlship.core.scan.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The allowlist file (YAML or JSON): a list of entries, or {@code allow:} holding the list.
 * <pre>
 * allow:
 *   - id: CVE-2021-44228
 *     reason: JndiLookup.class removed from the jar by the base image build
 *     expires: 2026-12-31
 * </pre>
 * Every entry needs all three fields: an allowance without a reason or an end is how exceptions become permanent.
 */
public record Allowlist(List<AllowlistEntry> entries) {

    public Allowlist {
        entries = List.copyOf(entries);
    }

    public static Allowlist none() {
        return new Allowlist(List.of());
    }

    public static Allowlist read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new MlshipException("cannot read allowlist " + file + ": " + e.getMessage()
                    + "; it must be YAML or JSON with entries of id, reason and expires (YYYY-MM-DD)", e);
        }
        JsonNode list = root != null && root.has("allow") ? root.get("allow") : root;
        if (list == null || !list.isArray()) {
            throw new MlshipException("allowlist " + file + " must be a list of entries (or `allow:` with a list), "
                    + "each with id, reason and expires");
        }
        List<AllowlistEntry> entries = new ArrayList<>();
        int n = 0;
        for (JsonNode e : list) {
            n++;
            String id = e.path("id").asText("").strip();
            String reason = e.path("reason").asText("").strip();
            String expires = e.path("expires").asText("").strip();
            if (id.isEmpty() || reason.isEmpty() || expires.isEmpty()) {
                throw new MlshipException("allowlist " + file + " entry " + n + " needs id, reason and expires "
                        + "(YYYY-MM-DD); an allowance without a reason or an end date is not accepted");
            }
            try {
                entries.add(new AllowlistEntry(id, reason, LocalDate.parse(expires)));
            } catch (DateTimeParseException bad) {
                throw new MlshipException("allowlist " + file + " entry " + n + " (" + id + "): expires `" + expires
                        + "` is not a date; write YYYY-MM-DD", bad);
            }
        }
        return new Allowlist(entries);
    }
}
