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

    private DockerConnector() {
    }

    /**
     * @throws DockerUnavailableException when the daemon does not answer a ping
     */
    public static DockerClient connect(DockerEndpoint endpoint) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host())
                .build();
        ApacheDockerHttpClient standard = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(32)
                .build();
        DockerHttpClient http = BulkUploadHttpClient.around(standard, config.getDockerHost(), config.getSSLConfig());
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
