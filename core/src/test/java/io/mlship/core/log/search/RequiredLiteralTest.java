package io.mlship.core.log.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

    @Test
    void takesTheLongestTextEveryMatchMustContain() {
        assertThat(RequiredLiteral.of("OutOfMemoryError")).isEqualTo("OutOfMemoryError");
        assertThat(RequiredLiteral.of("payment-id=[0-9a-f]{8} declined")).isEqualTo("payment-id=");
        assertThat(RequiredLiteral.of("^ERROR .* timeout after \\d+ s")).isEqualTo(" timeout after ");
        assertThat(RequiredLiteral.of("colou?r scheme")).isEqualTo("r scheme");
        assertThat(RequiredLiteral.of("GET /v2/health/(ready|live)")).isEqualTo("GET /v2/health/");
        assertThat(RequiredLiteral.of("a\\.b\\(c\\)")).isEqualTo("a.b(c)");
        assertThat(RequiredLiteral.of("xy+z long part")).isEqualTo("z long part");
    }

    @Test
    void givesNothingWhereNoTextIsCertain() {
        assertThat(RequiredLiteral.of("error|warning")).isEmpty();
        assertThat(RequiredLiteral.of("(?i)error")).isEmpty();
        assertThat(RequiredLiteral.of("[0-9]+")).isEmpty();
    }
}
