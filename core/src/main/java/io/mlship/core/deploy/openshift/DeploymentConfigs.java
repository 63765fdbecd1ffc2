package io.mlship.core.deploy.openshift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import java.util.Optional;

/**
 * How OpenShift's DeploymentConfig controller marks its revisions: one ReplicationController
 * {@code <name>-<version>} per deployment, with the version and the deployment's phase as annotations
 * and {@code deployment}/{@code deploymentconfig} labels added to its pod template.
 */
final class DeploymentConfigs {

    public static final String LATEST_VERSION = "openshift.io/deployment-config.latest-version";
    public static final String PHASE = "openshift.io/deployment.phase";
    public static final String STATUS_REASON = "openshift.io/deployment.status-reason";
    public static final String CONFIG_NAME = "openshift.io/deployment-config.name";
    public static final String DEPLOYMENT_NAME = "openshift.io/deployment.name";
    /** Labels the controller adds to the pod template of a ReplicationController. */
    public static final String DEPLOYMENT_LABEL = "deployment";
    public static final String CONFIG_LABEL = "deploymentconfig";

    private DeploymentConfigs() {
    }

    public static long version(HasMetadata controller) {
        return annotation(controller, LATEST_VERSION).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    public static String phase(HasMetadata controller) {
        return annotation(controller, PHASE).orElse("");
    }

    public static Optional<String> annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return Optional.ofNullable(annotations == null ? null : annotations.get(key));
    }

    public static boolean ownedBy(HasMetadata object, String uid) {
        return object.getMetadata().getOwnerReferences().stream().anyMatch(o -> uid.equals(o.getUid()));
    }

    /** A ReplicationController's pod template without what the controller added to it. */
    public static PodTemplateSpec templateOf(ReplicationController controller) {
        PodTemplateSpec copy = Serialization.clone(controller.getSpec().getTemplate());
        if (copy.getMetadata() != null) {
            if (copy.getMetadata().getLabels() != null) {
                copy.getMetadata().getLabels().remove(DEPLOYMENT_LABEL);
                copy.getMetadata().getLabels().remove(CONFIG_LABEL);
            }
            if (copy.getMetadata().getAnnotations() != null) {
                copy.getMetadata().getAnnotations().remove(DEPLOYMENT_NAME);
                copy.getMetadata().getAnnotations().remove(CONFIG_NAME);
                copy.getMetadata().getAnnotations().remove(LATEST_VERSION);
            }
        }
        return copy;
    }
}
