package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command endpoint against each role boundary of docs/design.md §4: the wrong tool, the wrong level, a foreign
 * company (404, never 403), and a right revoked a moment ago (403 on the very next request, same token).
 * Nothing is changed by a refused request.
 */
class RoleBoundaryTests {

    private final Api api = TestSystem.shared().api();

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("edit", "ADMIN", "PATCH", "/service-accounts/{id}", Map.of("name", "changed")),
                Arguments.of("reset secret", "ADMIN", "POST", "/service-accounts/{id}/secret:reset", null),
                Arguments.of("rotate secret", "ADMIN", "POST", "/service-accounts/{id}/secret:rotate", Map.of("graceSeconds", 60)),
                Arguments.of("deactivate", "ADMIN", "POST", "/service-accounts/{id}:deactivate", null),
                Arguments.of("reactivate", "ADMIN", "POST", "/service-accounts/{id}:reactivate", null),
                Arguments.of("delete", "ADMIN", "DELETE", "/service-accounts/{id}", null),
                Arguments.of("grant", "DIRECTORY", "PUT", "/service-accounts/{id}/permissions/company/REPORTS", Map.of("level", "ADMIN")),
                Arguments.of("project", "DIRECTORY", "PUT", "/service-accounts/{id}/projects/p1", Map.of("permissions", Map.of("RFIS", "ADMIN"))),
                Arguments.of("person", "DIRECTORY", "POST", "/directory/people", Map.of("name", "P", "email", "p-" + UUID.randomUUID() + "@example.com")),
                Arguments.of("email change", "DIRECTORY", "PATCH", "/directory/contacts/{contact}", Map.of("email", "x-" + UUID.randomUUID() + "@example.com")),
                Arguments.of("deactivate person", "DIRECTORY", "POST", "/directory/people/{contact}:deactivate", null),
                Arguments.of("reactivate person", "DIRECTORY", "POST", "/directory/people/{contact}:reactivate", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void commandWhenCallerCrossesARoleBoundaryThenRefused(String name, String tool, String method, String path,
                                                          Object body) {
        TestCompany company = api.company("Roles " + UUID.randomUUID());
        TestCompany otherCompany = api.company(company.operator(), "Roles other " + UUID.randomUUID());
        JsonNode target = company.account("target");
        String resolved = path.replace("{id}", target.get("id").asText())
                .replace("{contact}", target.get("contact").get("id").asText());
        String otherTool = tool.equals("ADMIN") ? "DOCUMENTS" : "ADMIN";

        assertThat(api.command(method, "/companies/" + company.id() + resolved, company.tokenWith(otherTool, "ADMIN"), body)
                .statusCode()).as("wrong tool").isEqualTo(403);
        assertThat(api.command(method, "/companies/" + company.id() + resolved, company.tokenWith(tool, "STANDARD"), body)
                .statusCode()).as("wrong level").isEqualTo(403);
        String foreignAdmin = otherCompany.tokenWith(tool, "ADMIN");
        assertThat(api.command(method, "/companies/" + company.id() + resolved, foreignAdmin, body).statusCode())
                .as("foreign company").isEqualTo(404);

        JsonNode admin = company.account("admin", tool, "ADMIN");
        String adminToken = company.token(admin);
        assertThat(api.grant(company.operator(), company.id(), admin.get("id").asText(), tool, "NONE").statusCode())
                .isEqualTo(200);
        assertThat(api.command(method, "/companies/" + company.id() + resolved, adminToken, body).statusCode())
                .as("revoked right").isEqualTo(403);

        assertThat(company.accountCommand(target, "POST", "/secret:rotate", Map.of("graceSeconds", 1)).statusCode())
                .as("the target was left untouched, so a first rotation is still possible").isEqualTo(200);
    }
}
