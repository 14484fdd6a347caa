package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * docs/design.md §3 invariant 5 and the non-negotiable: a {@code client_secret} never appears in plaintext in an
 * event, a document or a log line. Runs the whole flow (create, every way of requesting a token, failed
 * attempts, a grant), with DEBUG logging of Spring Web and Axon, then scans every collection of the
 * database and the log file for the secret, its base64 forms and its Basic header.
 */
class SecretsNeverStoredTests {

    @Test
    void storesAndLogsWhenScannedAfterFullFlowThenHoldNoPlaintextSecret() throws Exception {
        // A system of its own: closing any Spring context stops logging for the whole JVM, so the
        // shared system may no longer be logging by the time this test runs.
        try (TestSystem system = TestSystem.start(TestSystem.newDataDirectory())) {
            runFlowAndScan(system);
        }
    }

    private static void runFlowAndScan(TestSystem system) throws Exception {
        Api api = system.api();
        String operatorToken = api.operatorToken();
        String companyId = api.createCompany(operatorToken, "Scan Co");
        JsonNode account = api.createCustomAccount(operatorToken, companyId, "scanned");
        String clientId = account.get("clientId").asText();
        String secret = account.get("clientSecret").asText();
        String accountId = account.get("id").asText();

        assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);
        assertThat(api.tokenForm(Api.formBody("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret)).statusCode()).isEqualTo(200);
        assertThat(api.send(HttpRequest.newBuilder(URI.create(system.queryUrl() + "/oauth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.write(Map.of("grant_type", "client_credentials",
                        "client_id", clientId, "client_secret", secret))))).statusCode()).isEqualTo(200);
        assertThat(api.tokenForm(Api.formBody("grant_type", "client_credentials", "client_id", "unknown-client",
                "client_secret", secret)).statusCode()).isEqualTo(401);
        assertThat(api.tokenForm(Api.formBody("grant_type", "password", "client_id", clientId,
                "client_secret", secret)).statusCode()).isEqualTo(400);
        assertThat(api.grant(operatorToken, companyId, accountId, "DOCUMENTS", "STANDARD").statusCode()).isEqualTo(200);

        List<String> forms = List.of(secret,
                Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                Api.basic(clientId, secret).substring("Basic ".length()));

        List<String> documentsWithSecret = new ArrayList<>();
        int scanned = 0;
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            MongoDatabase database = client.getDatabase(TestSystem.DATABASE);
            for (String collection : database.listCollectionNames()) {
                for (Document document : database.getCollection(collection).find()) {
                    scanned++;
                    String json = document.toJson();
                    if (forms.stream().anyMatch(json::contains)) {
                        documentsWithSecret.add(collection + ": " + json);
                    }
                }
            }
        }
        assertThat(scanned).as("documents scanned").isGreaterThan(5);
        assertThat(documentsWithSecret).isEmpty();

        String log = Files.readString(system.logFile());
        assertThat(log).as("the log file holds the flow").contains(accountId, companyId);
        assertThat(forms).allSatisfy(form -> assertThat(log).doesNotContain(form));
    }
}
