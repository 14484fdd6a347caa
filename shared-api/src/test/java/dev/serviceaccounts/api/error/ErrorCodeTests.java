package dev.serviceaccounts.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorCodeTests {

    @ParameterizedTest
    @CsvSource({"400, MALFORMED_REQUEST", "401, UNAUTHORIZED", "403, FORBIDDEN", "404, NOT_FOUND",
            "405, METHOD_NOT_ALLOWED", "406, NOT_ACCEPTABLE", "413, MALFORMED_REQUEST", "415, UNSUPPORTED_MEDIA_TYPE",
            "500, INTERNAL_ERROR", "503, INTERNAL_ERROR",
            "501, MALFORMED_REQUEST", "505, MALFORMED_REQUEST"})
    void forHttpStatusWhenFrameworkErrorThenCodeOfThatStatus(int status, ErrorCode expected) {
        assertThat(ErrorCode.forHttpStatus(status)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"UNSUPPORTED_MEDIA_TYPE, urn:service-accounts:problem:unsupported-media-type",
            "NOT_FOUND, urn:service-accounts:problem:not-found"})
    void problemTypeWhenCodeThenKebabCaseUrn(ErrorCode code, String type) {
        assertThat(code.problemType()).isEqualTo(type);
    }
}
