package io.mlship.core.common;

import io.mlship.core.MlshipException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of memory as people write limits: Docker's {@code 512m}/{@code 2g}, Kubernetes'
 * {@code 512Mi}/{@code 2Gi} (binary) and {@code 500M} (decimal), or plain bytes.
 */
public record MemorySize(long bytes) implements Comparable<MemorySize> {

    public static final long MIB = 1024L * 1024;
    private static final Pattern TEXT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)");

    public MemorySize {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative memory size " + bytes);
        }
    }

    public static MemorySize ofMebibytes(long mib) {
        return new MemorySize(mib * MIB);
    }

    /** @throws MlshipException naming the text and the accepted forms */
    public static MemorySize parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw invalid(text);
        }
        long multiplier = switch (m.group(2)) {
            case "", "b", "B" -> 1L;
            case "k", "K", "kb", "KB", "KiB", "Ki" -> 1024L;
            case "m", "M", "mb", "MB", "MiB", "Mi" -> MIB;
            case "g", "G", "gb", "GB", "GiB", "Gi" -> 1024L * MIB;
            case "t", "T", "TiB", "Ti" -> 1024L * 1024 * MIB;
            default -> throw invalid(text);
        };
        try {
            return new MemorySize(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(multiplier))
                    .setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (ArithmeticException tooLarge) {
            throw new MlshipException("memory size `" + text + "` is too large (more than 8 EiB): write it like 512m or 2Gi");
        }
    }

    /**
     * A size given by an option: errors name the option ({@code --memory `99999999999999999999g` is too large}),
     * not "memory size", since it may be any size (a scan's budget, a log's rotation).
     */
    public static MemorySize parse(String text, String option) {
        MemorySize size;
        try {
            size = parse(text);
        } catch (MlshipException e) {
            // Only a memory option's value is a "memory size"; a scan budget or a log rotation is just a size.
            throw new MlshipException(option + ": " + (option.contains("memory") ? e.getMessage()
                    : e.getMessage().replace("memory size", "size")));
        }
        if (size.bytes() == 0) {
            throw new MlshipException(option + ": size `" + text + "` is zero: give a size above 0, e.g. 256m");
        }
        return size;
    }

    private static MlshipException invalid(String text) {
        return new MlshipException("memory size `" + text + "` is not valid: write it like 512m, 2g, 512Mi or 2Gi");
    }

    /** Rounds up to a whole multiple of {@code step}: limits are set in round numbers. */
    public MemorySize roundUpTo(MemorySize step) {
        long units = (bytes + step.bytes - 1) / step.bytes;
        return new MemorySize(units * step.bytes);
    }

    public double mebibytes() {
        return bytes / (double) MIB;
    }

    /** Kubernetes-style quantity ({@code 192Mi}) when whole mebibytes, else bytes. */
    public String toKubernetesQuantity() {
        return bytes % MIB == 0 ? (bytes / MIB) + "Mi" : Long.toString(bytes);
    }

    @Override
    public int compareTo(MemorySize other) {
        return Long.compare(bytes, other.bytes);
    }

    @Override
    public String toString() {
        if (bytes >= 1024 * MIB && bytes % (1024 * MIB) == 0) {
            return bytes / (1024 * MIB) + " GiB";
        }
        return String.format(Locale.ROOT, "%.1f MiB", mebibytes());
    }
}
