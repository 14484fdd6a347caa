package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The token endpoint follows each lifecycle command (docs/design.md §6, docs/token-freshness.md): from the very next
 * request after the command's response, deactivated, deleted and non-functional accounts and reset secrets are
 * refused with {@code invalid_client}, and reactivated accounts and new secrets accepted; a rotated account accepts
 * both secrets until the grace period ends. The views show the state and the reasons.
 */
class LifecycleTokenTests {

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private TestCompany company;
    private JsonNode account;

    @BeforeEach
    void setUp() {
        company = api.company("Lifecycle Co " + UUID.randomUUID());
        account = company.account("integration", "DOCUMENTS", "READ_ONLY");
    }

    @Test
    void deactivateWhenDoneThenRefusedWithinOneSecondAndReactivateRestores() {
        assertThat(company.accountCommand(account, "POST", ":deactivate", null).statusCode()).isEqualTo(200);
        assertRefusedAtOnce(secret());
        JsonNode view = company.awaitView(account, v -> "DEACTIVATED".equals(v.get("status").asText()));
        assertThat(view.get("reasons").toString()).contains("DEACTIVATED");
        assertThat(view.get("functional").asBoolean()).isFalse();

        assertThat(company.accountCommand(account, "POST", ":reactivate", null).statusCode()).isEqualTo(200);
        assertAcceptedAtOnce(secret());
    }

    @Test
    void deleteWhenDoneThenRefusedAndEveryLaterCommand409() {
        assertThat(company.accountCommand(account, "DELETE", "", null).statusCode()).isEqualTo(204);
        assertRefusedAtOnce(secret());
        HttpResponse<String> reactivate = company.accountCommand(account, "POST", ":reactivate", null);
        assertThat(reactivate.statusCode()).isEqualTo(409);
        assertThat(Api.json(reactivate).get("type").asText()).isEqualTo("urn:service-accounts:problem:account-deleted");
        assertThat(api.grant(company.operator(), company.id(), id(), "REPORTS", "ADMIN").statusCode()).isEqualTo(409);
        assertThat(company.awaitView(account, v -> "DELETED".equals(v.get("status").asText())).get("reasons").toString()).contains("DELETED");
        var registry = system.apps().commandSide()
                .getBean(dev.serviceaccounts.command.serviceaccount.ClientIdRegistry.class);
        assertThat(registry.reserve(new dev.serviceaccounts.api.id.ClientId(clientId()),
                new dev.serviceaccounts.api.id.ServiceAccountId(UUID.randomUUID().toString()),
                new dev.serviceaccounts.api.id.CompanyId(company.id())))
                .as("a deleted account's client_id is never handed out again").isFalse();
    }

    @Test
    void resetWhenDoneThenOldSecretRefusedNewAcceptedAndPermissionsWiped() {
        HttpResponse<String> reset = company.accountCommand(account, "POST", "/secret:reset", null);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.headers().firstValue("Cache-Control")).hasValue("no-store");
        String newSecret = Api.json(reset).get("clientSecret").asText();
        assertThat(newSecret).isNotEqualTo(secret());
        assertRefusedAtOnce(secret());
        assertAcceptedAtOnce(newSecret);
        JsonNode view = company.awaitView(account, v -> v.get("permissions").isEmpty());
        assertThat(view.get("usable").asBoolean()).isFalse();
        assertThat(view.get("reasons").toString()).contains("NO_PERMISSIONS");
        assertThat(view.get("secrets").size()).isEqualTo(1);
    }

    @Test
    void rotateWhenInGraceThenBothSecretsAcceptedThenOnlyTheNewOne() throws InterruptedException {
        HttpResponse<String> rotated = company.accountCommand(account, "POST", "/secret:rotate", Map.of("graceSeconds", 3));
        assertThat(rotated.statusCode()).isEqualTo(200);
        JsonNode body = Api.json(rotated);
        String newSecret = body.get("clientSecret").asText();
        assertThat(body.get("previousSecretExpiresAt").asText()).isNotBlank();
        assertAcceptedAtOnce(newSecret);
        assertThat(api.tokenBasic(clientId(), secret()).statusCode()).as("old secret in its grace period").isEqualTo(200);

        HttpResponse<String> again = company.accountCommand(account, "POST", "/secret:rotate", Map.of("graceSeconds", 60));
        assertThat(again.statusCode()).as("at most two active secrets").isEqualTo(409);
        assertThat(Api.json(again).get("type").asText())
                .isEqualTo("urn:service-accounts:problem:secret-rotation-in-progress");

        java.time.Instant graceEnd = java.time.Instant.parse(body.get("previousSecretExpiresAt").asText());
        Thread.sleep(Math.max(0, Duration.between(java.time.Instant.now(), graceEnd).toMillis()) + 100);
        assertThat(api.tokenBasic(clientId(), secret()).statusCode()).as("grace ended").isEqualTo(401);
        assertThat(api.tokenBasic(clientId(), newSecret).statusCode()).isEqualTo(200);
        assertThat(company.awaitView(account, v -> v.get("permissions").has("DOCUMENTS")).get("usable").asBoolean())
                .as("rotation keeps permissions").isTrue();
    }

    @Test
    void changeEmailWhenAcknowledgedThenRefusedAndUndoRestores() {
        String contact = account.get("contact").get("id").asText();
        String generated = account.get("contact").get("email").asText();
        assertThat(company.changeEmailAcknowledged(contact, "renamed@example.com").statusCode()).isEqualTo(200);
        assertRefusedAtOnce(secret());
        assertThat(company.awaitView(account, v -> !v.get("functional").asBoolean()).get("reasons").toString()).contains("EMAIL_CHANGED");

        assertThat(company.changeEmail(contact, generated).statusCode()).isEqualTo(200);
        assertAcceptedAtOnce(secret());
        assertThat(company.awaitView(account, v -> v.get("functional").asBoolean()).get("usable").asBoolean()).isTrue();
    }

    @Test
    void addToForeignDirectoryWhenAcknowledgedThenRefusedAndRemovalRestores() {
        String contact = account.get("contact").get("id").asText();
        TestCompany other = api.company(company.operator(), "Foreign " + UUID.randomUUID());
        assertThat(other.addContactAcknowledged(contact).statusCode()).isEqualTo(200);
        assertRefusedAtOnce(secret());
        assertThat(company.awaitView(account, v -> !v.get("functional").asBoolean()).get("reasons").toString())
                .contains("IN_FOREIGN_DIRECTORY");

        assertThat(other.removeContact(contact).statusCode()).isEqualTo(204);
        assertAcceptedAtOnce(secret());
    }

    @Test
    void editAndProjectMembershipWhenDoneThenShownInView() {
        api.registerMarketplaceApp(company.operator(), "app-9");
        assertThat(company.accountCommand(account, "PATCH", "", Map.of("name", "renamed", "appType", "MARKETPLACE",
                "marketplaceAppId", "app-9")).statusCode()).isEqualTo(200);
        assertThat(company.accountCommand(account, "PUT", "/projects/p-1", Map.of("permissions", Map.of("RFIS", "STANDARD")))
                .statusCode()).isEqualTo(200);
        JsonNode view = company.awaitView(account, v -> v.get("projects").has("p-1") && "renamed".equals(v.get("name").asText()));
        assertThat(view.get("appType").asText()).isEqualTo("MARKETPLACE");
        assertThat(view.get("projects").get("p-1").get("RFIS").asText()).isEqualTo("STANDARD");
        assertThat(company.accountCommand(account, "DELETE", "/projects/p-1", null).statusCode()).isEqualTo(204);
        assertThat(company.accountCommand(account, "DELETE", "/projects/p-1", null).statusCode()).isEqualTo(404);
    }

    /** The very next token request after the command's 2xx: 401 {@code invalid_client}. */
    private void assertRefusedAtOnce(String secret) {
        HttpResponse<String> response = api.tokenBasic(clientId(), secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(Api.json(response).get("error").asText()).isEqualTo("invalid_client");
    }

    /** The very next token request after the command's 2xx: 200. */
    private void assertAcceptedAtOnce(String secret) {
        HttpResponse<String> response = api.tokenBasic(clientId(), secret);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String id() {
        return account.get("id").asText();
    }

    private String clientId() {
        return account.get("clientId").asText();
    }

    private String secret() {
        return account.get("clientSecret").asText();
    }
}
