package io.mlship.core.deploy;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Optional;

/**
 * Which Kubernetes or OpenShift API server to talk to: an explicit server URL and token, else the
 * kubeconfig (optionally a named context), the in-cluster service account or KUBECONFIG, as kubectl does.
 */
public record ClusterConnection(Optional<String> server, Optional<String> token, Optional<String> context,
                                boolean insecureSkipTlsVerify) {

    public static ClusterConnection fromKubeconfig() {
        return new ClusterConnection(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }

    public static ClusterConnection of(String server, String token) {
        return new ClusterConnection(Optional.of(server), Optional.ofNullable(token), Optional.empty(), false);
    }

    /** Where the client will connect, for messages (the token never appears). */
    public String describe() {
        return server.orElse(context.map(c -> "kubeconfig context " + c).orElse("the current kubeconfig context"));
    }

    public KubernetesClient open() {
        Config config = server.isPresent()
                ? new ConfigBuilder(Config.empty()).withMasterUrl(server.get()).withOauthToken(token.orElse(null))
                        .withTrustCerts(insecureSkipTlsVerify).build()
                : Config.autoConfigure(context.orElse(null));
        // Fail within seconds when the server is unreachable instead of retrying for a minute.
        config.setConnectionTimeout(5_000);
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(200);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
