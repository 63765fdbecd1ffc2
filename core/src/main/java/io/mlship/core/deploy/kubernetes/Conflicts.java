package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.function.Supplier;

/**
 * Controllers keep writing the status of the objects mlship changes (each write a new resourceVersion),
 * so a read-modify-write of mlship's can meet a conflict (HTTP 409): it is read again and retried.
 */
public final class Conflicts {

    private static final int CONFLICT = 409;
    private static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    /** Runs the read-modify-write, again from the read while it conflicts, at most {@value #ATTEMPTS} times. */
    public static <T> T retry(Supplier<T> readModifyWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readModifyWrite.get();
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
