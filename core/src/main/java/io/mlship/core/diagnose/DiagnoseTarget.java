package io.mlship.core.diagnose;

import io.mlship.core.MlshipException;
import java.util.Locale;

/** Where the model runs: a container on a Docker host, or pods on Kubernetes or OpenShift. */
public enum DiagnoseTarget {
    DOCKER, KUBERNETES, OPENSHIFT;

    /** @throws MlshipException naming the option and the accepted values */
    public static DiagnoseTarget parse(String text, String where) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new MlshipException(where + ": `" + text + "` is not a target; write docker, kubernetes or openshift");
        }
    }

    public boolean cluster() {
        return this != DOCKER;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
