package io.mlship.core.deploy.spec;

import io.mlship.core.MlshipException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** A CPU amount as Kubernetes writes it: {@code 500m} (millicores) or {@code 1.5} (cores). */
public record CpuQuantity(String text) {

    private static final Pattern FORM = Pattern.compile("\\d+m|\\d+(\\.\\d+)?");

    /** @throws MlshipException naming the field path and the accepted forms */
    public static CpuQuantity parse(String text, String fieldPath) {
        String value = text == null ? "" : text.strip();
        if (!FORM.matcher(value).matches() || cores(value).signum() <= 0) {
            throw new MlshipException(fieldPath + " `" + text + "` is not a CPU amount: write it like 500m or 1.5");
        }
        return new CpuQuantity(value);
    }

    public double cores() {
        return cores(text).doubleValue();
    }

    private static BigDecimal cores(String value) {
        return value.endsWith("m")
                ? new BigDecimal(value.substring(0, value.length() - 1)).movePointLeft(3)
                : new BigDecimal(value);
    }

    @Override
    public String toString() {
        return text;
    }
}
