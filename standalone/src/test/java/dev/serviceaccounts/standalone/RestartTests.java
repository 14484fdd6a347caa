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
        JsonNode listBefore;
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
            listBefore = api.awaitQuery(operatorToken, "/api/v1/companies/" + companyId + "/service-accounts",
                    list -> list.toString().contains("\"usable\":true"), Duration.ofSeconds(5));
        }

        try (TestSystem second = TestSystem.start(data)) {
            Api api = second.api();
            HttpResponse<String> token = api.tokenBasic(clientId, secret);
            assertThat(token.statusCode()).isEqualTo(200);
            HttpResponse<String> list = api.query(operatorToken, "/api/v1/companies/" + companyId + "/service-accounts");
            assertThat(list.statusCode()).as("a token issued before the restart is still accepted").isEqualTo(200);
            assertThat(Api.withoutLastUsed(Api.json(list))).isEqualTo(Api.withoutLastUsed(listBefore));
        }
    }

}
