package io.mlship.core.scan.source;

import io.mlship.core.MlshipException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An image archive file: {@code docker save -o image.tar}, or an OCI image layout packed as tar. Read front to
 * back once; what no analyzer wants is skipped by seeking.
 */
public record ArchiveFileSource(Path file) implements ImageSource {

    @Override
    public String describe() {
        return file.toString();
    }

    @Override
    public InputStream open() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MlshipException("image archive " + file + " does not exist or is not a file; write one with "
                    + "`docker save -o image.tar IMAGE`");
        }
        return new MappedFileStream(file);
    }

    /**
     * Whether a reader of {@link #open}'s stream failed because the file shrank while it was read: the JVM reports
     * a read of a mapped page the file no longer has as an InternalError, which in compiled code may surface a
     * little after the read, outside the stream.
     */
    public static boolean changedWhileRead(InternalError e) {
        return MappedFileStream.isMappedPageFault(e);
    }
}
