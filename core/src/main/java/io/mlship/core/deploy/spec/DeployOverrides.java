package io.mlship.core.deploy.spec;

import java.util.Optional;

/** What a front end (CLI option, Jenkins step parameter) sets over the {@code deploy:} section. */
public record DeployOverrides(Optional<String> image, Optional<DeployTarget> target, Optional<String> namespace,
                              Optional<String> name) {

    public static DeployOverrides none() {
        return new DeployOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DeployOverrides withImage(String value) {
        return new DeployOverrides(Optional.ofNullable(value), target, namespace, name);
    }

    public DeployOverrides withTarget(DeployTarget value) {
        return new DeployOverrides(image, Optional.ofNullable(value), namespace, name);
    }

    public DeployOverrides withNamespace(String value) {
        return new DeployOverrides(image, target, Optional.ofNullable(value), name);
    }

    public DeployOverrides withName(String value) {
        return new DeployOverrides(image, target, namespace, Optional.ofNullable(value));
    }
}
