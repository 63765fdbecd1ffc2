package io.mlship.core.log.store;

/**
 * One row of a source's index: a block of about 1 MiB of whole lines in one segment file, where it
 * starts, which lines it holds, their time span and how many errors, warnings and noise lines.
 * Search and "show lines N..M" use it to go straight to the right place.
 */
public record BlockRow(int segment, long offset, int bytes, long firstLine, int lines, long firstMillis, long lastMillis,
                int errors, int warnings, int noise) {

    public static final String HEADER = "segment\toffset\tbytes\tfirstLine\tlines\tfirstTime\tlastTime\terrors\twarnings\tnoise";

    String toTsv() {
        return segment + "\t" + offset + "\t" + bytes + "\t" + firstLine + "\t" + lines + "\t"
                + TimestampPrefix.format(firstMillis) + "\t" + TimestampPrefix.format(lastMillis) + "\t"
                + errors + "\t" + warnings + "\t" + noise;
    }

    public static BlockRow fromTsv(String row) {
        String[] f = row.split("\t");
        return new BlockRow(Integer.parseInt(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                Integer.parseInt(f[4]), TimestampPrefix.parse(f[5]), TimestampPrefix.parse(f[6]),
                Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9]));
    }
}
