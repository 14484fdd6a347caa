package dev.serviceaccounts.standalone.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * A real HTTP client (JDK {@link HttpClient}) for the running system, with the steps of the README
 * walkthrough as methods. Methods named after a step assert nothing; they return the raw response.
 */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestSystem system;
    private final String queryUrl;

    Api(TestSystem system) {
        this(system, null);
    }

    private Api(TestSystem system, String queryUrl) {
        this.system = system;
        this.queryUrl = queryUrl;
    }

    /** @return this client, sending its query-side requests (tokens, views) to the instance at {@code url} */
    public Api onQuerySide(String url) {
        return new Api(system, url);
    }

    private String queryUrl() {
        return queryUrl == null ? system.queryUrl() : queryUrl;
    }

    /** POST /oauth/token with client_secret_basic, RFC 6749 §2.3.1 encoding (form-encode, then base64). */
    public HttpResponse<String> tokenBasic(String clientId, String secret) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl() + "/oauth/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    }

    /** POST /oauth/token with an arbitrary form body and optional extra headers (name, value, ...). */
    public HttpResponse<String> tokenForm(String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(queryUrl() + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /**
     * POST a form body to a client-authenticated endpoint of the query side ({@code /oauth/introspect},
     * {@code /oauth/revoke}) with client_secret_basic.
     */
    public HttpResponse<String> clientPost(String path, String clientId, String secret, String body) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl() + path))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The same request as {@link #tokenBasic}, sent without waiting for the answer. */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> tokenBasicAsync(String clientId, String secret) {
        return CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(queryUrl() + "/oauth/token"))
                .header("Authorization", basic(clientId, secret))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** @return an access token of the operator */
    public String operatorToken() {
        return accessToken(tokenBasic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET));
    }

    /** @return the access token of a 200 token response */
    public static String accessToken(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError("token request failed: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    /** @return the new company's id, once the query side knows the company too */
    public String createCompany(String operatorToken, String name) {
        HttpResponse<String> response = postJson(system.commandUrl() + "/api/v1/companies", operatorToken,
                Map.of("name", name));
        if (response.statusCode() != 201) {
            throw new AssertionError("create company failed: " + response.statusCode() + " " + response.body());
        }
        String companyId = json(response).get("companyId").asText();
        // the query side answers 404 for a company until its companies view has the creation
        awaitQuery(operatorToken, "/api/v1/companies/" + companyId + "/service-accounts", page -> true,
                Duration.ofSeconds(5));
        return companyId;
    }

    /**
     * Registers the marketplace app {@code id} (named after it) unless it is registered already (201 or 409
     * {@code marketplace-app-exists}), so that MARKETPLACE accounts may name it (docs/decisions.md D48).
     */
    public void registerMarketplaceApp(String operatorToken, String id) {
        HttpResponse<String> response = postJson(system.commandUrl() + "/api/v1/marketplace-apps", operatorToken,
                Map.of("id", id, "name", "App " + id));
        if (response.statusCode() != 201 && !(response.statusCode() == 409
                && "MARKETPLACE_APP_EXISTS".equals(json(response).path("code").asText()))) {
            throw new AssertionError("register marketplace app failed: " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** @return a new company named {@code name}, made with a new operator token, once the query side knows it */
    public TestCompany company(String name) {
        return company(operatorToken(), name);
    }

    /** @return a new company named {@code name}, made with {@code operatorToken}, once the query side knows it */
    public TestCompany company(String operatorToken, String name) {
        return new TestCompany(this, operatorToken, createCompany(operatorToken, name));
    }

    /** POST .../service-accounts with the given body. */
    public HttpResponse<String> createServiceAccount(String token, String companyId, Map<String, ?> body) {
        return postJson(system.commandUrl() + "/api/v1/companies/" + companyId + "/service-accounts", token, body);
    }

    /** @return the 201 body of creating a CUSTOM account named {@code name} */
    public JsonNode createCustomAccount(String token, String companyId, String name) {
        HttpResponse<String> response = createServiceAccount(token, companyId, Map.of("name", name, "appType", "CUSTOM"));
        if (response.statusCode() != 201) {
            throw new AssertionError("create service account failed: " + response.statusCode() + " " + response.body());
        }
        return json(response);
    }

    /** PUT .../permissions/company/{tool} {level}. */
    public HttpResponse<String> grant(String token, String companyId, String accountId, String tool, String level) {
        return send(HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1/companies/" + companyId
                        + "/service-accounts/" + accountId + "/permissions/company/" + tool))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(write(Map.of("level", level)))));
    }

    /** Any method on the command side, {@code path} from {@code /api/v1}, JSON body or none (null). */
    public HttpResponse<String> command(String method, String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.commandUrl() + "/api/v1" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /**
     * GETs {@code path} on the query side until a 200 answer satisfies {@code condition}: the views are
     * eventually consistent, so a test waits for them, bounded by {@code within}.
     *
     * @return the satisfying answer's body
     * @throws AssertionError with the last answer when time runs out
     */
    public JsonNode awaitQuery(String token, String path, Predicate<JsonNode> condition, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> last = null;
        do {
            last = query(token, path);
            if (last.statusCode() == 200 && condition.test(json(last))) {
                return json(last);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        } while (System.nanoTime() < deadline);
        throw new AssertionError("GET " + path + " not as expected within " + within + "; last answer: "
                + last.statusCode() + " " + last.body());
    }

    /** GET on the query side with a bearer token. */
    public HttpResponse<String> query(String token, String path) {
        return send(HttpRequest.newBuilder(URI.create(queryUrl() + path))
                .header("Authorization", "Bearer " + token).GET());
    }

    /** GET any URL, with a bearer token (null: none) and extra headers (name, value, ...). */
    public HttpResponse<String> get(String url, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    /** POST JSON with a bearer token (null: none). */
    public HttpResponse<String> postJson(String url, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    /** Sends any request. */
    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code Basic base64(form(id) ":" form(secret))} (RFC 6749 §2.3.1) */
    public static String basic(String clientId, String secret) {
        String pair = form(clientId) + ":" + form(secret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** @return {@code application/x-www-form-urlencoded} encoding of the pairs (name, value, ...) */
    public static String formBody(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(form(pairs[i])).append('=').append(form(pairs[i + 1]));
        }
        return body.toString();
    }

    /** @return form-encoding of one value */
    public static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** @return the body parsed as JSON */
    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /**
     * @return a copy of {@code json} (a view, a list of views or a {@code secrets} array) without the secrets'
     *         {@code lastUsedAt}: that moves with every token request (docs/decisions.md D26), the rest of a view
     *         only with commands
     */
    public static JsonNode withoutLastUsed(JsonNode json) {
        JsonNode copy = json.deepCopy();
        copy.findParents("lastUsedAt").forEach(secret -> ((ObjectNode) secret).remove("lastUsedAt"));
        return copy;
    }

    /** @return {@code body} as JSON text */
    public static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
