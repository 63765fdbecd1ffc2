package io.mlship.core.deploy.spec;

import io.mlship.core.MlshipException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where a model is deployed: a Kubernetes cluster, an OpenShift cluster, or a single Docker host. */
public enum DeployTarget {
    KUBERNETES, OPENSHIFT, DOCKER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws MlshipException naming the field and the accepted values */
    public static DeployTarget parse(String text, String fieldPath) {
        for (DeployTarget target : values()) {
            if (target.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return target;
            }
        }
        throw new MlshipException(fieldPath + " `" + text + "` is not a deploy target: use one of "
                + Arrays.stream(values()).map(DeployTarget::id).collect(Collectors.joining(", ")));
    }
}
