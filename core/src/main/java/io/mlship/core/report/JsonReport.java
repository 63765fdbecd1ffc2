package io.mlship.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mlship.core.MlshipException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report (maps, lists, strings, numbers) as indented JSON, creating the folder it goes in. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static void write(Object report, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), report);
        } catch (IOException e) {
            throw new MlshipException("cannot write report " + file + ": " + e.getMessage()
                    + "; check that the folder is writable and the disk not full", e);
        }
    }
}
