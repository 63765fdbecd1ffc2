package io.mlship.core.deploy.spec;

import java.util.Optional;

/**
 * OpenShift-target settings: whether the workload is a Deployment (the default, as OpenShift 4.14+
 * recommends) or a DeploymentConfig, and the Route exposing the Service.
 */
public record OpenShiftOptions(boolean deploymentConfig, boolean route, Optional<String> routeHost) {

    public static OpenShiftOptions defaults() {
        return new OpenShiftOptions(false, true, Optional.empty());
    }
}
