package io.mlship.core.deploy.spec;

import io.mlship.core.MlshipException;
import io.mlship.core.common.ImageReference;
import java.util.regex.Pattern;

/**
 * The image a deploy runs. It must name a tag or a digest: "whatever latest is today" cannot be
 * rolled back to, and two nodes may pull two different images for it.
 */
public record DeployImage(String value) {

    /** Stands in for the image of a rollback, which goes back to whatever ran before. */
    public static final String NOT_NEEDED = "mlship/rollback:previous-revision";

    private static final Pattern DIGEST = Pattern.compile("@sha256:[0-9a-f]{64}$");

    public DeployImage {
        if (value == null || value.isBlank()) {
            throw new MlshipException("deploy.image is missing: set it in mlship.yaml or pass --image, e.g. registry:5000/team/model:1.0");
        }
        String name = DIGEST.matcher(value).find() ? value.substring(0, value.indexOf('@')) : value;
        new ImageReference(name); // checks the grammar, with its own message
        boolean digest = !name.equals(value);
        boolean tag = name.lastIndexOf(':') > name.lastIndexOf('/');
        if (!digest && !tag) {
            throw new MlshipException("deploy.image `" + value + "` has neither a tag nor a digest: deploy an exact "
                    + "version such as `" + value + ":1.0` or `" + value + "@sha256:<digest>`, so that it can be rolled back");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
