package io.mlship.core.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerEndpointTest {

    @Test
    void explicitHostWinsOverTheEnvironment() {
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.of("tcp://127.0.0.1:2375"),
                Map.of("DOCKER_HOST", "unix:///elsewhere.sock"));
        assertThat(endpoint.host()).isEqualTo("tcp://127.0.0.1:2375");
        assertThat(endpoint.chosenBecause()).isEqualTo("given explicitly");
    }

    @Test
    void environmentWinsOverTheDefaults() {
        DockerEndpoint endpoint = DockerEndpoint.resolve(Optional.empty(), Map.of("DOCKER_HOST", "unix:///x.sock"));
        assertThat(endpoint).isEqualTo(new DockerEndpoint("unix:///x.sock", "from DOCKER_HOST"));
    }

    @Test
    void unreachableDaemonGivesOneActionableMessage() {
        DockerEndpoint nowhere = new DockerEndpoint("unix:///nonexistent/mlship-test.sock", "given explicitly");
        assertThatThrownBy(() -> DockerConnector.connect(nowhere))
                .isInstanceOf(DockerUnavailableException.class)
                .hasMessageContaining("unix:///nonexistent/mlship-test.sock")
                .hasMessageContaining("scripts/services start");
    }
}
