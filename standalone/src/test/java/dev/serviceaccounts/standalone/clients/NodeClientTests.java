package dev.serviceaccounts.standalone.clients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real Node OAuth client ({@code oauth4webapi}) and resource-server check ({@code jose}) against the system:
 * runs {@code standalone/src/test/node/client.mjs}, which imports the README's {@code ### Node (jose)} and
 * {@code ### Node client (oauth4webapi)} blocks, and checks the JSON it prints: RFC 8414 discovery, a token with
 * {@code client_secret_basic} and one with {@code client_secret_post}, each verified by {@code jose} (issuer, audience,
 * {@code typ: at+jwt}), introspection (RFC 7662) active, revocation (RFC 7009), introspection inactive; and the
 * library's {@code invalid_scope} for a scope above the account's (docs/decisions.md D27). The shared system's issuer
 * is not the port it listens on, so the script maps one onto the other, as curl's {@code --connect-to} does, and the
 * libraries check the issuer as strictly as in production (docs/decisions.md D35).
 *
 * <p>Needs {@code node} (20 or later) and {@code npm ci} in {@code standalone/src/test/node}: without them the tests
 * are skipped with a message on stderr, unless {@code SA_REQUIRE_ALL_TOOLS=1} (set by {@code .ci/run}), which fails
 * them instead.
 */
class NodeClientTests {

    private static final Path NODE_DIRECTORY = Path.of("src", "test", "node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestSystem system;
    private TestCompany company;
    private JsonNode account;
    private String issuer;

    /** What is missing to run the Node client (null: nothing), asked once for the class. */
    private static String missing;

    @BeforeAll
    static void askForNodeAndItsModules() {
        String tool = missingTool();
        missing = tool == null ? null : "NodeClientTests: " + tool + "; install Node.js 20 or later with npm (Debian: "
                + "apt-get install nodejs npm), then run 'npm ci' in standalone/src/test/node (.ci/run does both)";
        if (missing != null && !required()) {
            System.err.println("*** SKIPPED " + missing + " ***");
        }
    }

    /** Skips each test (so that every one shows as skipped) or, with SA_REQUIRE_ALL_TOOLS=1, fails it. */
    @BeforeEach
    void setUp() {
        if (missing != null) {
            if (required()) {
                throw new AssertionError(missing + " (SA_REQUIRE_ALL_TOOLS=1: a missing tool fails)");
            }
            Assumptions.abort(missing);
        }
        system = TestSystem.shared(); // started only when the tests run
        Api api = system.api();
        issuer = Api.json(api.get(system.queryUrl() + "/.well-known/oauth-authorization-server", null)).get("issuer").asText();
        company = api.company("Node client Co " + UUID.randomUUID());
        account = company.account("node client", "DOCUMENTS", "STANDARD");
    }

    @Test
    void whenClientRunsThenBothAuthenticationsGiveVerifiedTokensAndRevocationEndsIntrospection() throws Exception {
        NodeRun run = client(null);

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode results = JSON.readTree(run.stdout());
        assertThat(results.get("metadata").get("issuer").asText()).isEqualTo(issuer);
        assertThat(results.get("metadata").get("jwks_uri").asText()).isEqualTo(issuer + "/oauth/jwks");
        for (String authentication : new String[] {"basic", "post"}) {
            JsonNode token = results.get(authentication);
            assertThat(token.get("token_type").asText()).as(authentication).isEqualToIgnoringCase("bearer");
            assertThat(token.get("header").get("typ").asText()).as(authentication).isEqualTo("at+jwt");
            assertThat(token.get("header").get("alg").asText()).as(authentication).isEqualTo("ES256");
            JsonNode claims = token.get("claims");
            assertThat(claims.get("iss").asText()).as(authentication).isEqualTo(issuer);
            assertThat(claims.get("client_id").asText()).as(authentication).isEqualTo(clientId());
            assertThat(claims.get("sub").asText()).as(authentication).isEqualTo(clientId());
            assertThat(claims.get("company_id").asText()).as(authentication).isEqualTo(company.id());
            assertThat(claims.get("scope").asText()).as(authentication).isEqualTo("documents:read-only documents:standard");
        }
        assertThat(results.get("introspection").get("active").asBoolean()).isTrue();
        assertThat(results.get("introspection").get("client_id").asText()).isEqualTo(clientId());
        assertThat(results.get("introspection").get("jti").asText()).isEqualTo(results.get("basic").get("claims").get("jti").asText());
        assertThat(results.get("introspectionAfterRevocation").get("active").asBoolean()).isFalse();
        assertThat(results.get("verifiedLocallyAfterRevocation").asBoolean())
                .as("a local check cannot see a revocation, as the README says: introspection can").isTrue();
    }

    @Test
    void whenScopeAskedThenTokenCarriesExactlyThatAndTheCheckSeesIt() throws Exception {
        NodeRun run = client("documents:read-only");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode results = JSON.readTree(run.stdout());
        assertThat(results.get("basic").get("scope").asText()).isEqualTo("documents:read-only");
        assertThat(results.get("post").get("claims").get("scope").asText()).isEqualTo("documents:read-only");
        assertThat(results.get("hasScope").asBoolean()).isTrue();
    }

    @Test
    void whenScopeAboveTheAccountsThenTheLibraryReportsInvalidScope() throws Exception {
        NodeRun run = client("documents:admin");

        assertThat(run.exitCode()).as(run.stdout()).isEqualTo(1);
        JsonNode error = JSON.readTree(run.stderr());
        assertThat(error.get("name").asText()).as(run.stderr()).isEqualTo("ResponseBodyError");
        assertThat(error.get("error").asText()).isEqualTo("invalid_scope");
        assertThat(error.get("status").asInt()).isEqualTo(400);
    }

    private static boolean required() {
        return "1".equals(System.getenv("SA_REQUIRE_ALL_TOOLS"));
    }

    private String clientId() {
        return account.get("clientId").asText();
    }

    /**
     * Runs client.mjs as the account, its secret in the environment (argv is public), with the system's issuer
     * (the metadata's, {@code http://localhost:8080}) mapped onto the port it listens on ({@code SA_CONNECT_TO}).
     */
    private NodeRun client(String scope) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("node-client", ".out");
        Path stderr = Files.createTempFile("node-client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder("node", "client.mjs").directory(NODE_DIRECTORY.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            Map<String, String> environment = builder.environment();
            environment.put("SA_ISSUER", issuer);
            environment.put("SA_CONNECT_TO", system.queryUrl());
            environment.put("SA_CLIENT_ID", clientId());
            environment.put("SA_CLIENT_SECRET", account.get("clientSecret").asText());
            if (scope == null) {
                environment.remove("SA_SCOPE");
            } else {
                environment.put("SA_SCOPE", scope);
            }
            Process node = builder.start();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("node client.mjs did not end within 60 s; stderr: " + Files.readString(stderr));
            }
            return new NodeRun(node.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    /** @return what is missing to run the Node client, or null when nothing is */
    private static String missingTool() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "'node --version' failed: " + version;
            }
            if (!version.matches("v(2\\d|[3-9]\\d|\\d{3,})\\..*")) {
                return "node " + version + " is older than 20";
            }
        } catch (IOException noNode) {
            return "'node' is not on the PATH";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking 'node --version'";
        }
        for (String module : new String[] {"oauth4webapi", "jose"}) {
            if (!Files.isRegularFile(NODE_DIRECTORY.resolve("node_modules").resolve(module).resolve("package.json"))) {
                return "standalone/src/test/node/node_modules/" + module + " is missing";
            }
        }
        return null;
    }

    private record NodeRun(int exitCode, String stdout, String stderr) {
    }
}
