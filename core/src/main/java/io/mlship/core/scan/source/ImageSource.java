package io.mlship.core.scan.source;

import java.io.IOException;
import java.io.InputStream;

/** Where an image comes from, as a stream of a docker-archive or OCI layout tar that is read once. */
public interface ImageSource {

    /** What the user named: a file or an image reference. */
    String describe();

    InputStream open() throws IOException;
}
