package io.mlship.core.scan;

import io.mlship.core.MlshipException;
import java.util.Locale;

/** The report files a scan can write. */
public enum ReportFormat {
    JSON("json"), SARIF("sarif"), HTML("html");

    private final String extension;

    ReportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    public static ReportFormat of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MlshipException("report format `" + name + "` is not known; use json, sarif or html");
        }
    }
}
