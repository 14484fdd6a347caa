package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Everything survives a clean restart of both apps and the embedded MongoDB on the same data directory:
 * credentials still get a token, the views are unchanged, and the signing key is the same (old tokens
 * stay valid).
 */
class RestartTests {

    @Test
    void restartWhenSameDataDirectoryThenCredentialsViewsAndKeysKept() throws Exception {
        Path data = TestSystem.newDataDirectory();
        String companyId;
        String clientId;
        String secret;
        String operatorToken;
        String listBefore;
        try (TestSystem first = TestSystem.start(data)) {
            Api api = first.api();
            operatorToken = api.operatorToken();
            companyId = api.createCompany(operatorToken, "Restart Co");
            JsonNode account = api.createCustomAccount(operatorToken, companyId, "survivor");
            clientId = account.get("clientId").asText();
            secret = account.get("clientSecret").asText();
            assertThat(api.grant(operatorToken, companyId, account.get("id").asText(), "REPORTS", "READ_ONLY")
                    .statusCode()).isEqualTo(200);
            assertThat(api.tokenBasic(clientId, secret).statusCode()).isEqualTo(200);
            listBefore = awaitUsableList(api, operatorToken, companyId);
        }

        try (TestSystem second = TestSystem.start(data)) {
            Api api = second.api();
            HttpResponse<String> token = api.tokenBasic(clientId, secret);
            assertThat(token.statusCode()).isEqualTo(200);
            HttpResponse<String> list = api.query(operatorToken, "/api/v1/companies/" + companyId + "/service-accounts");
            assertThat(list.statusCode()).as("a token issued before the restart is still accepted").isEqualTo(200);
            assertThat(list.body()).isEqualTo(listBefore);
        }
    }

    private static String awaitUsableList(Api api, String token, String companyId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = api.query(token, "/api/v1/companies/" + companyId + "/service-accounts");
            if (list.statusCode() == 200 && list.body().contains("\"usable\":true")) {
                return list.body();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the account did not become usable in the view within 5 s");
    }
}
