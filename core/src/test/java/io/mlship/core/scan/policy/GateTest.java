package io.mlship.core.scan.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlship.core.MlshipException;
import io.mlship.core.scan.GateVerdict;
import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.SecretFinding;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.VulnerabilityFinding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate: levels, unknown severity as medium, secrets as high, allowlist entries by id or alias until they expire. */
class GateTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final InstalledPackage PKG = new InstalledPackage("PyPI", "pillow", "8.0.0", "/site/Pillow-8.0.0.dist-info/METADATA", 1);

    @TempDir
    Path temp;

    private static VulnerabilityFinding vuln(String id, Severity severity, String... aliases) {
        return new VulnerabilityFinding(id, List.of(aliases), "test", severity, null, PKG, "9.0.0", false);
    }

    static final List<VulnerabilityFinding> FINDINGS = List.of(vuln("PYSEC-1", Severity.CRITICAL, "CVE-2021-1"),
            vuln("PYSEC-2", Severity.HIGH), vuln("PYSEC-3", Severity.MEDIUM), vuln("PYSEC-4", Severity.LOW),
            vuln("PYSEC-5", Severity.UNKNOWN));

    private static List<String> failingIds(Severity threshold, Allowlist allowlist) {
        return Gate.evaluate(threshold, FINDINGS, List.of(), allowlist, TODAY).failing().stream()
                .map(f -> f.substring(0, f.indexOf(' '))).toList();
    }

    @Test
    void eachLevelFailsOnFindingsAtOrAboveIt() {
        assertThat(failingIds(Severity.CRITICAL, Allowlist.none())).containsExactly("PYSEC-1");
        assertThat(failingIds(Severity.HIGH, Allowlist.none())).containsExactly("PYSEC-1", "PYSEC-2");
        assertThat(failingIds(Severity.MEDIUM, Allowlist.none())).as("unknown counts as medium")
                .containsExactly("PYSEC-1", "PYSEC-2", "PYSEC-3", "PYSEC-5");
        assertThat(Gate.evaluate(null, FINDINGS, List.of(), Allowlist.none(), TODAY).passed()).isTrue();
    }

    @Test
    void anActiveEntryAllowsByIdOrAliasAndAnExpiredOneNoLonger() {
        Allowlist allow = new Allowlist(List.of(new AllowlistEntry("CVE-2021-1", "patched in our fork", TODAY),
                new AllowlistEntry("PYSEC-2", "not reachable", TODAY.minusDays(1))));
        GateVerdict verdict = Gate.evaluate(Severity.HIGH, FINDINGS, List.of(), allow, TODAY);
        assertThat(verdict.failing()).singleElement().asString().startsWith("PYSEC-2 (pillow 8.0.0 at /site/");
        assertThat(verdict.allowed()).singleElement().asString().contains("PYSEC-1").contains("patched in our fork");
        assertThat(verdict.expired()).singleElement().asString().contains("PYSEC-2 expired on 2026-11-22");
        assertThat(Gate.evaluate(Severity.HIGH, FINDINGS, List.of(), allow, TODAY.plusDays(1)).failing()).hasSize(2);
    }

    @Test
    void secretsFailFromHighDownAndCanBeAllowedByRule() {
        List<SecretFinding> secrets = List.of(new SecretFinding("private-key", "private key", "/root/.ssh/id_rsa", 1, 1, false));
        assertThat(Gate.evaluate(Severity.CRITICAL, List.of(), secrets, Allowlist.none(), TODAY).passed()).isTrue();
        assertThat(Gate.evaluate(Severity.HIGH, List.of(), secrets, Allowlist.none(), TODAY).failing())
                .containsExactly("secret:private-key:/root/.ssh/id_rsa");
        Allowlist allow = new Allowlist(List.of(new AllowlistEntry("secret:private-key", "test fixture key", TODAY)));
        assertThat(Gate.evaluate(Severity.MEDIUM, List.of(), secrets, allow, TODAY).passed()).isTrue();
    }

    @Test
    void readsTheAllowlistFileAndRejectsEntriesWithoutReasonOrDate() throws Exception {
        Path file = Files.writeString(temp.resolve("allow.yaml"), """
                allow:
                  - id: CVE-2021-44228
                    reason: JndiLookup removed by the base image build
                    expires: 2027-01-31
                """);
        assertThat(Allowlist.read(file).entries())
                .containsExactly(new AllowlistEntry("CVE-2021-44228", "JndiLookup removed by the base image build",
                        LocalDate.of(2027, 1, 31)));
        Path json = Files.writeString(temp.resolve("allow.json"), "[{\"id\":\"X\",\"reason\":\"r\",\"expires\":\"2020-01-01\"}]");
        assertThat(Allowlist.read(json).entries()).hasSize(1);
        Path noReason = Files.writeString(temp.resolve("bad.yaml"), "- id: CVE-1\n  expires: 2027-01-01\n");
        assertThatThrownBy(() -> Allowlist.read(noReason)).isInstanceOf(MlshipException.class)
                .hasMessageContaining("entry 1 needs id, reason and expires");
        Path badDate = Files.writeString(temp.resolve("date.yaml"), "- {id: CVE-1, reason: r, expires: soon}\n");
        assertThatThrownBy(() -> Allowlist.read(badDate)).hasMessageContaining("`soon` is not a date");
        assertThatThrownBy(() -> Severity.threshold("low")).hasMessageContaining("use critical, high or medium");
    }
}
