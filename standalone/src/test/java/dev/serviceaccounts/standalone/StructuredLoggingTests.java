package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * JSON logs (README "Operations"): with {@code logging.structured.format.console=ecs} (env
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE}) both apps write each log event to the console as one JSON object, and
 * the operator secret generated at the first start is printed to standard output once, never as a log event nor
 * into the log file.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLoggingTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ANNOUNCED = Pattern.compile("SA_OPERATOR_CLIENT_SECRET=(\\S+)");

    @Test
    void whenEcsFormatOnAFirstStartThenBothAppsLogJsonAndTheGeneratedSecretIsNoLogEvent(CapturedOutput output)
            throws Exception {
        List<JsonNode> events;
        String secret;
        List<String> started;
        // Spring Boot configures Logback once while any app of this JVM runs (the suite's shared system may): let
        // this system's apps configure it, with JSON, and the next app that starts configure it again
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.cleanUp();
        try (TestSystem system = TestSystem.start(TestSystem.newDataDirectory(), Map.of(
                "logging.structured.format.console", "ecs",
                "service-accounts.operator-client-secret", ""))) {
            Matcher announced = ANNOUNCED.matcher(output.getOut());
            assertThat(announced.find()).as("the generated secret is printed once:\n" + output.getOut()).isTrue();
            secret = announced.group(1);
            started = List.of(system.commandUrl(), system.queryUrl()).stream()
                    .map(url -> "Tomcat started on port " + java.net.URI.create(url).getPort() + " ").toList();
            assertThat(system.api().tokenBasic(TestSystem.OPERATOR_ID, secret).statusCode()).isEqualTo(200);
            events = output.getOut().lines().filter(line -> line.startsWith("{")).map(StructuredLoggingTests::parse)
                    .toList();
            assertThat(Files.readString(system.logFile())).as("the log file").doesNotContain(secret);
        } finally {
            logging.cleanUp();
        }

        assertThat(events).as("log events").hasSizeGreaterThan(10)
                .allSatisfy(event -> assertThat(event.has("@timestamp") && event.has("message")).as(event.toString())
                        .isTrue());
        for (String app : started) {
            assertThat(events).as("both apps").map(event -> event.get("message").asText())
                    .anyMatch(message -> message.startsWith(app));
        }
        assertThat(events).map(JsonNode::toString).noneMatch(event -> event.contains(secret));
        assertThat(output.getOut().lines().filter(line -> line.contains(secret)).toList())
                .as("printed once, as the announcement").singleElement().asString()
                .startsWith("    SA_OPERATOR_CLIENT_SECRET=");
        assertThat(output.getErr()).doesNotContain(secret);
    }

    @Test
    void whenTheRunCommandWithEcsThenEveryLineButTheBannerIsJsonAndTheSecretOnlyInTheBanner() throws Exception {
        List<String> lines = QuietStartTests.startAndStop(TestSystem.newDataDirectory(),
                Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"), "Ctrl-C stops everything.");

        int banner = lines.indexOf(lines.stream().filter(line -> line.contains("Service Accounts is running"))
                .findFirst().orElseThrow(() -> new AssertionError("no banner in " + lines)));
        List<String> logged = lines.subList(0, banner).stream().filter(line -> !line.isBlank()).toList();
        assertThat(logged).as("log events before the banner").hasSizeGreaterThan(10);
        logged.forEach(StructuredLoggingTests::parse);
        Matcher announced = ANNOUNCED.matcher(String.join("\n", lines.subList(banner, lines.size())));
        assertThat(announced.find()).as("the first start shows the secret in the banner").isTrue();
        assertThat(logged).noneMatch(line -> line.contains(announced.group(1)));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("a console line that is not JSON: " + line, e);
        }
    }
}
