package io.mlship.plugin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JavaVersionTest {

    @Test
    void readsTheFeatureVersionOfOldAndNewRuntimes() {
        assertThat(JavaVersion.parse("openjdk version \"17.0.9\" 2023-10-17\nOpenJDK Runtime Environment")).isEqualTo(17);
        assertThat(JavaVersion.parse("openjdk version \"21\" 2023-09-19")).isEqualTo(21);
        assertThat(JavaVersion.parse("java version \"1.8.0_392\"")).isEqualTo(8);
        assertThat(JavaVersion.parse("bash: java: command not found")).isEqualTo(-1);
    }

    @Test
    void refusesOldOrMissingJavaWithWhatToChange() {
        assertThatThrownBy(() -> JavaVersion.require("java", 0, "java version \"1.8.0_392\"", "node gpu-1"))
                .isInstanceOf(CliStepException.class)
                .hasMessage("the Java on node gpu-1 (`java`) is version 8; the mlship CLI needs Java 17 or later. Install it on the "
                        + "agent, or point JAVA_HOME at it (e.g. `tools { jdk '...' }`).");
        assertThatThrownBy(() -> JavaVersion.require("/opt/jdk/bin/java", 127, "sh: /opt/jdk/bin/java: not found\n", "node gpu-1"))
                .hasMessageContaining("`/opt/jdk/bin/java -version` on node gpu-1 did not report a Java version (exit code 127): "
                        + "sh: /opt/jdk/bin/java: not found.");
        assertThatCode(() -> JavaVersion.require("java", 0, "openjdk version \"17.0.9\"", "x")).doesNotThrowAnyException();
    }
}
