package io.mlship.core.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemorySizeTest {

    @Test
    void parsesDockerAndKubernetesUnits() {
        assertThat(MemorySize.parse("512m").bytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(MemorySize.parse("2Gi").bytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(MemorySize.parse("1.5g").bytes()).isEqualTo(1536L * 1024 * 1024);
        assertThat(MemorySize.parse("4096").bytes()).isEqualTo(4096);
        assertThat(MemorySize.parse(" 64 MiB ").bytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void rejectsGarbageNamingTheForms() {
        assertThatThrownBy(() -> MemorySize.parse("lots")).hasMessageContaining("`lots`").hasMessageContaining("512Mi");
        assertThatThrownBy(() -> MemorySize.parse("12q")).hasMessageContaining("`12q`");
    }

    @Test
    void roundsUpToSteps() {
        assertThat(MemorySize.parse("17m").roundUpTo(MemorySize.ofMebibytes(16))).isEqualTo(MemorySize.ofMebibytes(32));
        assertThat(MemorySize.ofMebibytes(32).roundUpTo(MemorySize.ofMebibytes(16))).isEqualTo(MemorySize.ofMebibytes(32));
        assertThat(MemorySize.ofMebibytes(192).toKubernetesQuantity()).isEqualTo("192Mi");
    }
}
