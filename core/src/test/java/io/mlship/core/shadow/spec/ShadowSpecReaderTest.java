package io.mlship.core.shadow.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.deploy.spec.DeployOverrides;
import io.mlship.core.deploy.spec.DeploySpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy.shadow of mlship.yaml: every field, the defaults, and errors naming the field path. */
class ShadowSpecReaderTest {

    @TempDir
    Path project;

    private ShadowSpec read(String yaml) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), yaml);
        return ShadowSpecReader.read(project);
    }

    private void invalid(String shadowYaml, String message) throws Exception {
        Files.writeString(project.resolve("mlship.yaml"), "name: iris\ndeploy:\n  image: x:1\n  shadow:\n" + shadowYaml);
        assertThatThrownBy(() -> ShadowSpecReader.read(project)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("mlship.yaml").hasMessageContaining(message);
    }

    @Test
    void readsEveryField() throws Exception {
        ShadowSpec spec = read("""
                name: iris
                deploy:
                  image: localhost:5000/iris:2.0.0
                  shadow:
                    mirror: {percent: 50, methods: [POST], paths: [/v2/models/iris/infer]}
                    analysis: {interval: 5s, minRequests: 300, minDuration: 1m, maxDuration: 1h, failureLimit: 2, noData: fail}
                    criteria:
                      agreement:
                        min: 0.995
                        outputs:
                          predict: {kind: class}
                          proba: {kind: number, relativeTolerance: 0.01}
                      errorRate: {max: 0.02}
                      latencyP99: {maxRatio: 2}
                      memory: {maxShareOfLimit: 0.8}
                """);
        assertThat(spec.mirror().percent()).isEqualTo(50);
        assertThat(spec.mirror().methods()).containsExactly("POST");
        assertThat(spec.mirror().pathsFor("iris")).containsExactly("/v2/models/iris/infer");
        assertThat(spec.analysis()).isEqualTo(new AnalysisSpec(Duration.ofSeconds(5), 300, Duration.ofMinutes(1),
                Duration.ofHours(1), 2, NoDataPolicy.FAIL));
        assertThat(spec.criteria()).isEqualTo(new CriteriaSpec(0.995,
                List.of(OutputRule.classes("predict"), OutputRule.numbers("proba", 0.01)), 0.02, 2, 0.8));
        // the deploy section accepts the shadow key and leaves it to this reader
        Files.writeString(project.resolve("mlship.yaml"), Files.readString(project.resolve("mlship.yaml")));
        assertThat(DeploySpecReader.read(project, DeployOverrides.none()).image().value()).isEqualTo("localhost:5000/iris:2.0.0");
    }

    @Test
    void defaultsMirrorOnlyPostToTheInferencePathAndNeverPassWithoutData() throws Exception {
        ShadowSpec spec = read("name: iris\ndeploy:\n  name: iris-prod\n  image: x:1\n");
        assertThat(spec.mirror().methods()).containsExactly("POST");
        // the model the project serves, not the deploy's name
        assertThat(spec.mirror().paths()).containsExactly("/v2/models/iris/infer");
        assertThat(spec.analysis()).isEqualTo(AnalysisSpec.defaults());
        assertThat(spec.criteria()).isEqualTo(CriteriaSpec.defaults());
        assertThat(ShadowSpec.defaults()).isEqualTo(ShadowSpec.builder().build());
        assertThat(ShadowSpec.defaults().mirror().pathsFor("iris")).containsExactly("/v2/models/iris/infer");
        assertThat(spec.analysis().noData()).isEqualTo(NoDataPolicy.INCONCLUSIVE);
        assertThat(spec.criteria().minAgreement()).isEqualTo(0.99);
        assertThat(ShadowSpec.builder().analysis(AnalysisSpec.defaults()).build().toBuilder().build()).isEqualTo(ShadowSpec.defaults());
    }

    @Test
    void errorsNameTheFieldPath() throws Exception {
        invalid("    analysis: {noData: pass}\n", "deploy.shadow.analysis.noData `pass` is refused");
        invalid("    critera: {}\n", "deploy.shadow.critera is not a known field");
        invalid("    mirror: {percent: 0}\n", "deploy.shadow.mirror.percent 0.0 must be above 0");
        invalid("    mirror: {methods: [post]}\n", "deploy.shadow.mirror.methods `post` is not an HTTP method");
        invalid("    mirror: {paths: [infer]}\n", "deploy.shadow.mirror.paths `infer` must start with /");
        invalid("    analysis: {interval: soon}\n", "deploy.shadow.analysis.interval must be a duration like 10s");
        invalid("    analysis: {minDuration: 10m, maxDuration: 1m}\n", "deploy.shadow.analysis.maxDuration 60s must be at least minDuration");
        invalid("    criteria: {agreement: {min: 1.5}}\n", "deploy.shadow.criteria.agreement.min 1.5 must be a share");
        invalid("    criteria: {agreement: {outputs: {predict: {kind: label}}}}\n",
                "deploy.shadow.criteria.agreement.outputs.predict.kind must be class or number");
        invalid("    criteria: {agreement: {outputs: {predict: {kind: class, relativeTolerance: 0.1}}}}\n",
                "deploy.shadow.criteria.agreement.outputs.predict.relativeTolerance must be absent for a class output");
        invalid("    criteria: {latencyP99: {maxRatio: 0.5}}\n", "deploy.shadow.criteria.latencyP99.maxRatio 0.5 must be at least 1");
        invalid("    criteria: {memory: {maxShareOfLimit: 2}}\n", "deploy.shadow.criteria.memory.maxShareOfLimit 2.0 must be above 0");
        invalid("    criteria: {errorRate: {maxx: 1}}\n", "deploy.shadow.criteria.errorRate.maxx is not a known field");
        invalid("    analysis: {metrics: istio}\n", "deploy.shadow.analysis.metrics `istio` must be comparator");
        invalid("    analysis: {metrics: [mesh]}\n", "deploy.shadow.analysis.metrics must be a single value");
        invalid("    comparatorImage: 'my image'\n", "deploy.shadow.comparatorImage `my image` must be an image reference without spaces");
    }

    @Test
    void meshMetricsAndTheComparatorImageAreRead() throws Exception {
        ShadowSpec spec = read("""
                name: iris
                deploy:
                  image: x:1
                  shadow:
                    comparatorImage: registry.example.com/mlship-comparator:1.0
                    analysis: {metrics: mesh}
                """);
        assertThat(spec.analysis().metrics()).isEqualTo(MetricsSource.MESH);
        assertThat(spec.comparatorImage()).contains("registry.example.com/mlship-comparator:1.0");
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        ShadowSpec defaults = read("name: iris\ndeploy:\n  image: x:1\n");
        assertThat(defaults.analysis().metrics()).isEqualTo(MetricsSource.COMPARATOR);
        assertThat(defaults.comparatorImage()).isEmpty();
    }
}
