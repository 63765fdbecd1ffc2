package io.mlship.core.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edge's nginx.conf as rendered, and the header mlship reads back to know what is live. */
class EdgeConfigTest {

    @Test
    void anEmptyEdgeAnswers503UntilAModelIsLive() {
        String conf = EdgeConfig.empty("iris", 8080).render();

        assertThat(conf).startsWith("# mlship-edge name=iris live=- previous=- port=8080 generation=0\n")
                .contains("return 503 \"no model is deployed as iris yet\\n\";")
                .doesNotContain("upstream");
    }

    @Test
    void aSwitchPointsTheUpstreamAtTheNewContainerAndKeepsTheOldOneAsRollbackTarget() {
        EdgeConfig blue = EdgeConfig.empty("iris", 8080).switchTo("iris-blue", 8080, Optional.empty());
        EdgeConfig green = blue.switchTo("iris-green", 8080, Optional.of("0123456789abcdef0123"));

        assertThat(green.render()).startsWith("# mlship-edge name=iris live=iris-green previous=iris-blue@0123456789ab port=8080 generation=2\n")
                .contains("upstream mlship_live { server iris-green:8080; keepalive 16; keepalive_timeout 1s; }")
                .contains("keepalive_timeout 0;").contains("listen 8080;\n")
                .contains("proxy_pass http://mlship_live;")
                .contains("return 200 \"generation 2 live iris-green\\n\";")
                .doesNotContain("mirror");
        assertThat(EdgeConfig.parse(green.render())).contains(green);
        assertThat(green.previousName()).contains("iris-blue");
        assertThat(green.isPrevious("iris-blue", "0123456789abcdef0123")).isTrue();
        // a container created later under the same name (a killed deploy's candidate) is not the rollback target
        assertThat(green.isPrevious("iris-blue", "fedcba9876543210")).isFalse();
    }

    @Test
    void aMirrorCopiesASampleOfOneMethodAndPathWithShortTimeouts() {
        EdgeConfig config = EdgeConfig.empty("iris", 8080).switchTo("iris-blue", 8080, Optional.empty())
                .withMirror(Optional.of(EdgeMirror.inference("iris-shadow:9000", 12.5, "/v2/models/iris/infer")));

        String conf = config.render();

        assertThat(conf).contains("# mlship-mirror target=iris-shadow:9000 percent=12.5 method=POST path=/v2/models/iris/infer\n")
                .contains("split_clients \"${request_id}\" $mlship_sampled {\n        12.5% 1;\n        * 0;\n    }")
                .contains("map \"$request_method:$mlship_sampled\" $mlship_mirror { default 0; \"POST:1\" 1; }")
                .contains("location /v2/models/iris/infer {\n            if ($mlship_mirror) { rewrite ^ /.mlship/mirrored last; }")
                .contains("mirror /.mlship/mirror;\n            mirror_request_body on;")
                .contains("keepalive_timeout 0;")
                .contains("proxy_connect_timeout 200ms;").contains("proxy_read_timeout 200ms;")
                .contains("proxy_pass http://mlship_mirror$request_uri;")
                // while the mirror is on, each live answer that is not 2xx is logged, tagged with the mirror's target
                .contains("map $status $mlship_live_error { ~^2 0; default 1; }")
                .contains("log_format mlship_live_error '" + EdgeMirror.LIVE_ERROR_TAG + "iris-shadow:9000 status=$status")
                .contains("access_log /dev/stderr mlship_live_error if=$mlship_live_error;");
        assertThat(EdgeConfig.parse(conf)).contains(config);
        // and without a mirror nothing is logged
        assertThat(config.withMirror(Optional.empty()).render()).doesNotContain("access_log /dev/stderr");
    }

    @Test
    void aFileMlshipDidNotWriteHasNoState() {
        assertThat(EdgeConfig.parse("user www-data;\nworker_processes auto;\n")).isEmpty();
    }

    @Test
    void aMirrorIsValidatedBeforeItReachesNginx() {
        assertThatThrownBy(() -> EdgeMirror.inference("iris shadow:9000", 10, "/infer")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("is not host:port");
        assertThatThrownBy(() -> EdgeMirror.inference("iris-shadow:9000", 0, "/infer")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("is not in (0, 100]");
        assertThatThrownBy(() -> new EdgeMirror("iris-shadow:9000", 10, "post", "/infer")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("not an HTTP method");
        assertThatThrownBy(() -> EdgeMirror.inference("iris-shadow:9000", 10, "/infer;} server {")).isInstanceOf(MlshipException.class)
                .hasMessageContaining("must start with / and hold only URL path characters");
    }
}
