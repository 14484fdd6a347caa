package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.support.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The framework's own refusals (media types, methods) in the project's error vocabulary: problem+json with a
 * {@code code} and a detail that says what to send, on both apps.
 */
class ErrorVocabularyTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();

    @Test
    void whenJsonBodyWithoutContentTypeThen415ProblemSayingToSendJson() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer " + api.operatorToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"No type\"}")));

        JsonNode problem = assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.get("detail").asText()).contains("application/json").doesNotContain("'null'");
    }

    @Test
    void whenWrongContentTypeThen415ProblemSayingToSendJson() {
        HttpResponse<String> response = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer " + api.operatorToken())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Text\"}")));

        JsonNode problem = assertProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.get("detail").asText()).contains("application/json");
    }

    @Test
    void whenAcceptNamesNoTypeTheEndpointAnswersThen406Problem() {
        String operator = api.operatorToken();
        HttpResponse<String> command = api.send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies"))
                .header("Authorization", "Bearer " + operator)
                .header("Content-Type", "application/json").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Csv\"}")));
        assertProblem(command, 406, "NOT_ACCEPTABLE");

        String company = api.createCompany(operator, "Accept " + UUID.randomUUID());
        HttpResponse<String> query = api.get(system.queryUrl() + "/api/v1/companies/" + company + "/service-accounts",
                operator, "Accept", "text/csv");
        JsonNode problem = assertProblem(query, 406, "NOT_ACCEPTABLE");
        assertThat(problem.get("detail").asText()).contains("application/json");
    }

    @Test
    void whenMethodNotSupportedThen405ProblemWithAllow() {
        HttpResponse<String> response = api.command("DELETE", "/companies", api.operatorToken(), null);

        JsonNode problem = assertProblem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.headers().firstValue("Allow")).isPresent();
        assertThat(problem.get("detail").asText()).isEqualTo("This path does not take DELETE; it takes POST (the Allow header)");
    }

    @Test
    void whenRotateSentWithoutBodyThen400NamingGraceSeconds() {
        String operator = api.operatorToken();
        String company = api.createCompany(operator, "Rotate without body " + UUID.randomUUID());
        String account = api.createCustomAccount(operator, company, "ERP sync").get("id").asText();

        HttpResponse<String> response = api.command("POST",
                "/companies/" + company + "/service-accounts/" + account + "/secret:rotate", operator, null);

        JsonNode problem = assertProblem(response, 400, "INVALID_FIELD");
        assertThat(problem.at("/errors/graceSeconds").asText()).startsWith("is required");
    }
}
