package io.mlship.core.scan.osv;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlship.core.scan.InstalledPackage;
import io.mlship.core.scan.Severity;
import io.mlship.core.scan.version.Pep440Version;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The OSV range algorithm: introduced/fixed/last_affected events, explicit lists, names, the built-in Log4Shell set. */
class AdvisoryMatcherTest {

    private static OsvAdvisory yaml(String text) throws Exception {
        return OsvDocumentReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true);
    }

    private static InstalledPackage pypi(String name, String version) {
        return new InstalledPackage("PyPI", name, version, "site-packages/" + name, 0);
    }

    static final String RANGES = """
            id: TEST-1
            affected:
            - package: {name: Some_Pkg, ecosystem: PyPI}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: "0"
                - fixed: 1.10
                - introduced: 2.0rc1
                - last_affected: 2.3.post1
              - type: GIT
                events:
                - introduced: "0"
                - fixed: 0123456789abcdef0123456789abcdef01234567
            """;

    @Test
    void evaluatesIntroducedFixedAndLastAffectedInPep440Order() throws Exception {
        OsvAdvisory advisory = yaml(RANGES);
        for (String affected : List.of("0.1", "1.9", "1.10rc1", "1.10.dev0", "2.0rc1", "2.2", "2.3", "2.3.post1")) {
            assertThat(AdvisoryMatcher.match(pypi("some-pkg", affected), advisory)).as(affected).isPresent();
        }
        for (String safe : List.of("1.10", "1.10.0", "1.11", "2.0b9", "2.3.post2", "2.4")) {
            assertThat(AdvisoryMatcher.match(pypi("some-pkg", safe), advisory)).as(safe).isEmpty();
        }
        assertThat(AdvisoryMatcher.match(pypi("some-pkg", "1.2"), advisory).orElseThrow().fixedVersion())
                .as("the unquoted 1.10 stays 1.10, not the number 1.1").isEqualTo("1.10");
        assertThat(AdvisoryMatcher.match(pypi("some-pkg", "2.1"), advisory).orElseThrow().fixedVersion()).isNull();
    }

    @Test
    void comparesNamesAsPyPiDoesAndChecksTheEcosystem() throws Exception {
        OsvAdvisory advisory = yaml(RANGES);
        assertThat(AdvisoryMatcher.match(pypi("SOME.pkg", "1.0"), advisory)).isPresent();
        assertThat(AdvisoryMatcher.match(pypi("some-pkg-two", "1.0"), advisory)).isEmpty();
        assertThat(AdvisoryMatcher.match(new InstalledPackage("Maven", "some-pkg", "1.0", "x.jar", 0), advisory)).isEmpty();
    }

    @Test
    void explicitVersionListsMatchEvenWithoutARange() throws Exception {
        OsvAdvisory advisory = yaml("""
                id: TEST-2
                affected:
                - package: {name: pkg, ecosystem: PyPI}
                  versions: ["1.0", 3.1.0.rc1, not-a-version]
                """);
        assertThat(AdvisoryMatcher.match(pypi("pkg", "1.0"), advisory)).isPresent();
        assertThat(AdvisoryMatcher.match(pypi("pkg", "1.0.0"), advisory)).as("PEP 440 equal").isPresent();
        assertThat(AdvisoryMatcher.match(pypi("pkg", "3.1.0rc1"), advisory)).isPresent();
        assertThat(AdvisoryMatcher.match(pypi("pkg", "not-a-version"), advisory)).isPresent();
        assertThat(AdvisoryMatcher.match(pypi("pkg", "1.1"), advisory)).isEmpty();
    }

    @Test
    void severityComesFromTheCvssVectorElseTheDatabaseWord() throws Exception {
        OsvAdvisory scored = yaml("""
                id: TEST-3
                severity:
                - type: CVSS_V3
                  score: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
                """);
        assertThat(scored.score()).isEqualTo(9.8);
        assertThat(scored.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(yaml("id: T\ndatabase_specific: {severity: MODERATE}").severity()).isEqualTo(Severity.MEDIUM);
        assertThat(yaml("id: T").severity()).isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void cvssScoresMatchNvdFigures() {
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H")).contains(10.0);
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H")).contains(9.0);
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H")).contains(5.9);
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:N/AC:H/PR:H/UI:N/S:U/C:H/I:H/A:H")).contains(6.6);
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N")).contains(3.3);
        assertThat(CvssV3.baseScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N")).contains(2.8);
        assertThat(CvssV3.baseScore("garbage")).isEmpty();
    }

    @Test
    void builtInLog4ShellAdvisoriesFollowTheApacheFixLines() {
        OsvDatabase builtIn = OsvDatabase.builtIn();
        String log4j = "org.apache.logging.log4j:log4j-core";
        List<OsvAdvisory> advisories = builtIn.candidates("Maven", log4j);
        assertThat(advisories).extracting(OsvAdvisory::id)
                .containsExactly("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.14.1"))
                .containsExactly("CVE-2021-44228", "CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.15.0")).containsExactly("CVE-2021-45046", "CVE-2021-45105", "CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.16.0")).containsExactly("CVE-2021-45105", "CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.17.0")).containsExactly("CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.17.1")).isEmpty();
        assertThat(ids(advisories, log4j, "2.12.2")).containsExactly("CVE-2021-45105", "CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.12.4")).isEmpty();
        assertThat(ids(advisories, log4j, "2.3.1")).containsExactly("CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.3.2")).isEmpty();
        assertThat(ids(advisories, log4j, "2.0-beta8")).containsExactly("CVE-2021-44832");
        assertThat(ids(advisories, log4j, "2.0-beta9")).hasSize(4);
        assertThat(ids(advisories, "org.apache.logging.log4j:log4j-api", "2.14.1")).isEmpty();
        InstalledPackage unknown = new InstalledPackage("Maven", log4j, InstalledPackage.UNKNOWN_VERSION, "app.jar", 0);
        assertThat(AdvisoryMatcher.match(unknown, advisories.get(0))).contains(new AdvisoryMatcher.Match(null, true));
        assertThat(AdvisoryMatcher.match(new InstalledPackage("Maven", log4j, "2.14.1", "a.jar", 0), advisories.get(0))
                .map(AdvisoryMatcher.Match::fixedVersion)).isEqualTo(Optional.of("2.15.0"));
    }

    private static List<String> ids(List<OsvAdvisory> advisories, String name, String version) {
        InstalledPackage pkg = new InstalledPackage("Maven", name, version, "lib/x.jar", 0);
        return advisories.stream().filter(a -> AdvisoryMatcher.match(pkg, a).isPresent()).map(OsvAdvisory::id).toList();
    }

    @Test
    void pep440SchemeIsWhatPyPiRangesUse() {
        assertThat(io.mlship.core.scan.version.VersionScheme.forEcosystem("PyPI")).contains(Pep440Version.SCHEME);
    }
}
