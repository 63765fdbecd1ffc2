package io.mlship.core.scan.osv;

import io.mlship.core.scan.Severity;
import java.util.List;

/**
 * The parts of one OSV advisory the matcher needs.
 *
 * @param score CVSS base score when the advisory carries a CVSS v3 vector, else null
 */
public record OsvAdvisory(String id, List<String> aliases, String summary, Severity severity, Double score,
                          List<Affected> affected) {

    public OsvAdvisory {
        aliases = List.copyOf(aliases);
        affected = List.copyOf(affected);
    }

    /** One {@code affected[]} entry: a package and the versions of it the advisory covers. */
    public record Affected(String ecosystem, String name, List<Range> ranges, List<String> versions) {
        public Affected {
            ranges = List.copyOf(ranges);
            versions = List.copyOf(versions);
        }
    }

    /** {@code ranges[]}: its type (ECOSYSTEM, SEMVER, GIT) and events in the order given. */
    public record Range(String type, List<Event> events) {
        public Range {
            events = List.copyOf(events);
        }
    }

    public enum EventKind { INTRODUCED, FIXED, LAST_AFFECTED, LIMIT }

    public record Event(EventKind kind, String version) {
    }
}
