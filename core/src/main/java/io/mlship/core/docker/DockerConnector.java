package io.mlship.core.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;

/** Opens a docker-java client on an endpoint and proves the daemon answers before anyone uses it. */
public final class DockerConnector {

    private static final int MAX_CONNECTIONS = 32;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private DockerConnector() {
    }

    /**
     * @throws DockerUnavailableException when the daemon does not answer a ping
     */
    public static DockerClient connect(DockerEndpoint endpoint) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host())
                .build();
        DockerHttpClient http = DockerHttpTransport.open(config.getDockerHost(), config.getSSLConfig(), MAX_CONNECTIONS,
                CONNECT_TIMEOUT, () -> new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .sslConfig(config.getSSLConfig())
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .maxConnections(MAX_CONNECTIONS)
                        .build());
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            DockerUnavailableException failure = new DockerUnavailableException(endpoint, e);
            try {
                client.close();
            } catch (IOException closeFailure) {
                failure.addSuppressed(closeFailure);
            }
            throw failure;
        }
        return client;
    }
}
