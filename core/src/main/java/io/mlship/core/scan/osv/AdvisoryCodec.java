package io.mlship.core.scan.osv;

import io.mlship.core.scan.Severity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Writes {@link OsvAdvisory} records to the advisory cache and reads them back, field by field. */
final class AdvisoryCodec {

    private AdvisoryCodec() {
    }

    static void write(OsvAdvisory advisory, DataOutputStream out) throws IOException {
        out.writeUTF(advisory.id());
        writeStrings(advisory.aliases(), out);
        out.writeUTF(advisory.summary());
        out.writeUTF(advisory.severity().name());
        out.writeBoolean(advisory.score() != null);
        if (advisory.score() != null) {
            out.writeDouble(advisory.score());
        }
        out.writeInt(advisory.affected().size());
        for (OsvAdvisory.Affected affected : advisory.affected()) {
            writeNullable(affected.ecosystem(), out);
            writeNullable(affected.name(), out);
            out.writeInt(affected.ranges().size());
            for (OsvAdvisory.Range range : affected.ranges()) {
                out.writeUTF(range.type());
                out.writeInt(range.events().size());
                for (OsvAdvisory.Event event : range.events()) {
                    out.writeUTF(event.kind().name());
                    writeNullable(event.version(), out);
                }
            }
            writeStrings(affected.versions(), out);
        }
    }

    static OsvAdvisory read(DataInputStream in) throws IOException {
        String id = in.readUTF();
        List<String> aliases = readStrings(in);
        String summary = in.readUTF();
        Severity severity = Severity.valueOf(in.readUTF());
        Double score = in.readBoolean() ? in.readDouble() : null;
        int affectedCount = count(in);
        List<OsvAdvisory.Affected> affected = new ArrayList<>(affectedCount);
        for (int a = 0; a < affectedCount; a++) {
            String ecosystem = readNullable(in);
            String name = readNullable(in);
            int rangeCount = count(in);
            List<OsvAdvisory.Range> ranges = new ArrayList<>(rangeCount);
            for (int r = 0; r < rangeCount; r++) {
                String type = in.readUTF();
                int eventCount = count(in);
                List<OsvAdvisory.Event> events = new ArrayList<>(eventCount);
                for (int e = 0; e < eventCount; e++) {
                    events.add(new OsvAdvisory.Event(OsvAdvisory.EventKind.valueOf(in.readUTF()), readNullable(in)));
                }
                ranges.add(new OsvAdvisory.Range(type, events));
            }
            affected.add(new OsvAdvisory.Affected(ecosystem, name, ranges, readStrings(in)));
        }
        return new OsvAdvisory(id, aliases, summary, severity, score, affected);
    }

    /** A count written before a list; a damaged cache file must not make the reader allocate gigabytes. */
    static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 1_000_000) {
            throw new IOException("implausible count " + count + " in the advisory cache");
        }
        return count;
    }

    private static void writeStrings(List<String> strings, DataOutputStream out) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = count(in);
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            strings.add(in.readUTF());
        }
        return strings;
    }

    private static void writeNullable(String s, DataOutputStream out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
