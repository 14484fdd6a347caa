package dev.serviceaccounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one name rule of companies, service accounts and people. */
class NamesTests {

    @ParameterizedTest
    @ValueSource(strings = {"Acme", "  Acme Corp  ", "ERP-Bot (prod) #2", "M\u00FCller GmbH", "\u05E9\u05DC\u05D5\u05DD",
            "\u0645\u0631\u062D\u0628\u0627", "\uD83E\uDD16 bot", "\u5C71\u7530",
            "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645", "\uD83D\uDC69\u200D\uD83D\uDCBB ops"})
    void problemWhenOrdinaryTextInAnyScriptThenNone(String name) {
        assertThat(Names.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "\u0000", "name\u0000", "a\tb", "a\nb", "a\rb", "a\u001Bb", "a\u007Fb",
            "a\u0085b", "a\u2028b", "a\u2029b", "a\u202Ab", "a\u202Bb", "a\u202Cb", "a\u202Db", "invoice\u202Egnp.exe",
            "a\u2066b", "a\u2067b", "a\u2068b", "a\u2069b"})
    void problemWhenControlOrBidiCharacterAnywhereThenRefused(String name) {
        assertThat(Names.problem(name)).hasValueSatisfying(message -> assertThat(message).contains("control"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u200Eb", "a\u200Fb", "a\u061Cb", "\uFEFFAcme", "Ac\u00ADme", "Ac\u200Bme", "Ac\u2060me",
            "a\uD800b", "a\uDC00", "\uD800"})
    void problemWhenInvisibleFormatCharacterOrUnpairedSurrogateThenRefused(String name) {
        assertThat(Names.problem(name)).hasValueSatisfying(message -> assertThat(message).contains("invisible format"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void problemWhenBlankThenRefused(String name) {
        assertThat(Names.problem(name)).hasValue("must not be blank");
        assertThat(Names.problem(null)).hasValue("must not be blank");
    }

    @Test
    void problemWhenLongerThan255CodePointsThenRefusedAndEmojiCountOnce() {
        assertThat(Names.problem("x".repeat(255))).isEmpty();
        assertThat(Names.problem("\uD83E\uDD16".repeat(255))).isEmpty();
        assertThat(Names.problem("x".repeat(256))).hasValue("must be at most 255 characters");
    }

    @Test
    void checkWhenValidThenTrimmedAndWhenInvalidThenRecordedUnderTheField() {
        Map<String, String> errors = new LinkedHashMap<>();
        assertThat(Names.check("  Acme  ", "name", errors)).isEqualTo("Acme");
        assertThat(errors).isEmpty();
        Names.check("A\u202EB", "name", errors);
        assertThat(errors).containsOnlyKeys("name");
    }
}
