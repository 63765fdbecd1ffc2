package io.mlship.core.log.capture;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything one capture stored: its directory and a summary per source, in the order they were opened. */
public record CaptureSummary(Path directory, List<SourceSummary> sources) {

    public static final String FILE_NAME = "capture.json";

    public CaptureSummary {
        sources = List.copyOf(sources);
    }

    public Optional<SourceSummary> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The content of {@code capture.json}. */
    public Map<String, Object> toReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("directory", directory.toAbsolutePath().toString());
        report.put("sources", sources.stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", s.name());
            one.put("kind", s.kind().name());
            one.put("file", s.file().toAbsolutePath().toString());
            one.put("lines", s.lines());
            one.put("bytes", s.bytes());
            one.put("segments", s.segments());
            one.put("noiseLines", s.noiseLines());
            one.put("maskedLines", s.maskedLines());
            one.put("errors", s.errors());
            one.put("warnings", s.warnings());
            return one;
        }).toList());
        return report;
    }
}
