package io.mlship.core.common;

import io.mlship.core.MlshipException;
import java.util.regex.Pattern;

/**
 * A Docker image reference such as {@code registry:5000/team/model:1.2}, checked when it is made
 * so that a typo fails before any work starts.
 */
public record ImageReference(String value) {

    // Grammar of the distribution reference, reduced to what `docker build -t` accepts:
    // [host[:port]/]path-component(/path-component)*[:tag]; components are lowercase.
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String HOST = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)";
    private static final String TAG = "(?::[\\w][\\w.-]{0,127})";
    private static final Pattern REFERENCE = Pattern.compile(HOST + "?" + COMPONENT + "(?:/" + COMPONENT + ")*" + TAG + "?");

    public ImageReference {
        if (value == null || value.isBlank()) {
            throw new MlshipException("image reference is empty; give one such as `team/model:1.0`");
        }
        if (!REFERENCE.matcher(value).matches()) {
            throw new MlshipException("image reference `" + value + "` is not valid: use lowercase "
                    + "[registry[:port]/]name[:tag], e.g. `localhost:5000/team/model:1.0`");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
