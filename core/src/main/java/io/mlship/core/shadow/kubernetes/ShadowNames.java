package io.mlship.core.shadow.kubernetes;

import io.mlship.core.MlshipException;
import io.mlship.core.deploy.spec.DeploySpec;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The names and labels of one shadow's objects: {@code <name>-shadow-<hex>} is the shadow id (the comparator's
 * {@code shadow} label too), and {@code -baseline}, {@code -candidate}, {@code -cmp} the three workloads and their
 * Services. Every object carries {@link #LABEL} (the live name) and {@link #ID_LABEL} (the shadow), so what a killed
 * run left behind is found by label.
 */
record ShadowNames(String name, String namespace, String id) {

    /** On every shadow object: the deployed name it shadows (as on the Docker host). */
    static final String LABEL = "io.mlship.shadow";
    /** On every shadow object: the shadow's id, what cleanup selects by. */
    static final String ID_LABEL = "io.mlship.shadow/id";
    /** baseline, candidate or comparator. */
    static final String ROLE_LABEL = "io.mlship.shadow/role";
    /** A Service name is a DNS-1035 label: at most 63 characters. */
    private static final int MAX_SERVICE_NAME = 63;

    static ShadowNames of(DeploySpec spec, Optional<String> id) {
        String shadowId = id.orElseGet(() -> spec.name() + "-shadow-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3)));
        ShadowNames names = new ShadowNames(spec.name(), spec.namespace(), shadowId);
        if (!DeploySpec.isValidName(names.candidate()) || names.candidate().length() > MAX_SERVICE_NAME) {
            throw new MlshipException("shadow id `" + shadowId + "` gives the Service name `" + names.candidate() + "`, which is not "
                    + "a DNS label of at most " + MAX_SERVICE_NAME + " lowercase letters, digits and dashes; use a shorter deploy "
                    + "name (at most 39 characters) or --shadow-id");
        }
        return names;
    }

    String baseline() {
        return id + "-baseline";
    }

    String candidate() {
        return id + "-candidate";
    }

    String comparator() {
        return id + "-cmp";
    }

    /** The in-cluster DNS name of a Service in the namespace (what Istio's hosts and the comparator's URLs use). */
    String host(String service) {
        return service + "." + namespace + ".svc.cluster.local";
    }

    Map<String, String> labels(String role) {
        return Map.of(LABEL, name, ID_LABEL, id, ROLE_LABEL, role);
    }

    Map<String, String> idSelector() {
        return Map.of(ID_LABEL, id);
    }
}
