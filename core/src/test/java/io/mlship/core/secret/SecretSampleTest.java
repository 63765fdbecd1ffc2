package io.mlship.core.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shared rules are whole and usable by both users: a sample for each, and markers the scan's filter can use. */
class SecretSampleTest {

    @Test
    void everyRuleHasOneSampleThatItMatches() {
        assertThat(SecretSample.all().map(SecretSample::rule)).containsExactlyElementsOf(SecretRules.ALL);
        SecretSample.all().forEach(sample -> assertThat(sample.lines().get(sample.findingLine() - 1))
                .as(sample.rule().id()).containsPattern(sample.rule().pattern()));
    }

    @Test
    void contentRulesHaveWordsAndMarkersOfAtLeastThreeBytesAndNamedFileRulesNeither() {
        for (SecretRule rule : SecretRules.ALL) {
            if (rule.contentRule()) {
                assertThat(rule.words()).as(rule.id()).isNotEmpty().allSatisfy(word -> assertThat(word).isLowerCase());
                assertThat(rule.markers()).as(rule.id()).allSatisfy(marker -> assertThat(marker).hasSizeGreaterThan(2));
            } else {
                assertThat(rule.words()).as(rule.id()).isEmpty();
                assertThat(rule.markers()).as(rule.id()).isEmpty();
            }
        }
    }

    @Test
    void onlyTheDocumentedShapesAreLeftToTheLog() {
        assertThat(SecretRules.ALL.stream().filter(rule -> !rule.scanned()))
                .containsExactly(SecretRules.AUTHORIZATION, SecretRules.BEARER, SecretRules.URL_CREDENTIALS);
    }
}
