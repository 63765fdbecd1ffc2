package io.mlship.core.log.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the time stamp at the start of a line, when there is one in ISO-8601 form
 * ({@code 2026-11-23T10:00:01.123Z}, {@code 2026-11-23 10:00:01,123}) as Docker, Kubernetes and most
 * loggers write it. A structural check first, so lines without one cost a few comparisons.
 */
public final class TimestampPrefix {

    public static final long NONE = Long.MIN_VALUE;

    private TimestampPrefix() {
    }

    /** The cheap structural check alone: whether the line starts like a time stamp. */
    static boolean looksStamped(byte[] b, int from, int to) {
        return to - from >= 19 && b[from + 4] == '-' && b[from + 7] == '-' && b[from + 13] == ':' && b[from + 16] == ':';
    }

    static long epochMillis(byte[] b, int from, int to) {
        if (to - from < 19 || b[from + 4] != '-' || b[from + 7] != '-' || (b[from + 10] != 'T' && b[from + 10] != ' ')
                || b[from + 13] != ':' || b[from + 16] != ':' || !digit(b[from]) || !digit(b[from + 18])) {
            return NONE;
        }
        int end = from + 19;
        int fraction = 0;
        int fractionDigits = 0;
        if (end < to && (b[end] == '.' || b[end] == ',')) {
            end++;
            while (end < to && digit(b[end])) {
                if (fractionDigits < 3) {
                    fraction = fraction * 10 + (b[end] - '0');
                    fractionDigits++;
                }
                end++;
            }
        }
        while (fractionDigits++ < 3) {
            fraction *= 10;
        }
        long offsetMillis = 0;
        if (number(b, from, 4) < 0) {
            return NONE;
        }
        if (end < to && (b[end] == '+' || b[end] == '-') && end + 6 <= to && b[end + 3] == ':') {
            int sign = b[end] == '+' ? 1 : -1;
            offsetMillis = sign * (number(b, end + 1, 2) * 60L + number(b, end + 4, 2)) * 60_000L;
        }
        int month = number(b, from + 5, 2);
        int day = number(b, from + 8, 2);
        int hour = number(b, from + 11, 2);
        int minute = number(b, from + 14, 2);
        int second = number(b, from + 17, 2);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
            return NONE;
        }
        long seconds = daysFromCivil(number(b, from, 4), month, day) * 86_400L + hour * 3600L + minute * 60L + second;
        return seconds * 1000 + fraction - offsetMillis;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm): no objects per line. */
    private static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }

    static String format(long epochMillis) {
        return epochMillis == NONE ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }

    static long parse(String text) {
        if (text.equals("-")) {
            return NONE;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The decimal number in {@code digits} bytes, or a large negative value when one is not a digit. */
    private static int number(byte[] b, int from, int digits) {
        int n = 0;
        for (int i = from; i < from + digits; i++) {
            if (!digit(b[i])) {
                return -1_000_000;
            }
            n = n * 10 + (b[i] - '0');
        }
        return n;
    }
}
