package io.mlship.core.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.mlship.core.deploy.ClusterConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * fabric8's API server mock in CRUD mode (objects are stored, watched, patched like on a real server)
 * mixed with expectations (for the pod log endpoint), one namespace, and the kubelet simulator.
 */
public final class MockCluster implements AutoCloseable {

    public static final String NAMESPACE = "models";

    public final KubernetesMockServer server;
    public final KubernetesClient client;
    public final KubeletSimulator kubelet;

    public MockCluster() {
        // Concurrent: the simulator registers log expectations from one worker per Deployment.
        Map<ServerRequest, Queue<ServerResponse>> responses = new java.util.concurrent.ConcurrentHashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new KubernetesMixedDispatcher(responses), false);
        server.init();
        client = server.createClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        kubelet = new KubeletSimulator(server, client, NAMESPACE);
    }

    public ClusterConnection connection() {
        return ClusterConnection.of(client.getConfiguration().getMasterUrl(), "test-token");
    }

    @Override
    public void close() throws Exception {
        kubelet.close();
        client.close();
        server.destroy();
    }
}
