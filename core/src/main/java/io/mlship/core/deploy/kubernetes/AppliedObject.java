package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Optional;

/**
 * One object as the deploy left it, with what was there before (empty: the deploy created it), so that
 * a failure can put back exactly what the deploy changed.
 */
record AppliedObject(HasMetadata before, HasMetadata after) {

    public boolean created() {
        return before == null;
    }

    public Optional<HasMetadata> previous() {
        return Optional.ofNullable(before);
    }

    public String describe() {
        return after.getKind() + " " + after.getMetadata().getNamespace() + "/" + after.getMetadata().getName();
    }
}
