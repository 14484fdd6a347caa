package dev.serviceaccounts.query.token;

import dev.serviceaccounts.web.openapi.OpenApiAutoConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes to springdoc the endpoints that {@link ClientEndpointFilter} serves ahead of Spring MVC, which springdoc
 * cannot find by itself: {@code POST /oauth/token} (RFC 6749 §4.4 client credentials grant: §4.4.2 form parameters,
 * §5.1 token response, §5.2 errors), {@code POST /oauth/introspect} (RFC 7662) and {@code POST /oauth/revoke}
 * (RFC 7009). Each takes {@code client_secret_basic} or {@code client_secret_post} (RFC 6749 §2.3.1), a form body (or
 * a JSON object of string parameters), answers with {@code Cache-Control: no-store}, 401 {@code invalid_client} after
 * the failure delay, 405 to any method but POST and 429 {@code temporarily_unavailable} with {@code Retry-After} while
 * the brute-force limits block (docs/decisions.md D25).
 */
@Component
public class ClientEndpointsOpenApi implements OpenApiCustomizer {

    private static final String FORM = org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED_VALUE;
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String TAG = "OAuth 2.0 token service";

    @Override
    public void customise(OpenAPI openApi) {
        openApi.path(TokenEndpoint.PATH, new PathItem().post(operation("token",
                "Client credentials grant (RFC 6749 §4.4)",
                "An access token (RFC 9068 JWT, ES256) for the authenticated client. Without scope the token carries"
                        + " every scope the account holds now; with scope exactly those, which must be held.",
                new ObjectSchema().addRequiredItem("grant_type")
                        .addProperty("grant_type", new StringSchema()._enum(List.of("client_credentials")))
                        .addProperty("scope", new StringSchema().description("space-separated scopes such as"
                                + " documents:read-only (RFC 6749 §3.3)"))
                        .addProperty("client_id", clientId())
                        .addProperty("client_secret", clientSecret()),
                response("The token (RFC 6749 §5.1), plus created_at (Unix seconds)", new ObjectSchema()
                        .addRequiredItem("access_token").addRequiredItem("token_type").addRequiredItem("expires_in")
                        .addProperty("access_token", new StringSchema())
                        .addProperty("token_type", new StringSchema()._enum(List.of("Bearer")))
                        .addProperty("expires_in", new IntegerSchema().description("seconds"))
                        .addProperty("scope", new StringSchema())
                        .addProperty("created_at", new IntegerSchema().format("int64"))),
                "invalid_request, unsupported_grant_type or invalid_scope (RFC 6749 §5.2)")));
        openApi.path(IntrospectionEndpoint.PATH, new PathItem().post(operation("introspect",
                "Token introspection (RFC 7662)",
                "Whether a token is active now, with its claims and the account's current permissions; any token"
                        + " the caller may not see is {\"active\":false}.",
                tokenParameters(),
                response("RFC 7662 §2.2", new ObjectSchema().addRequiredItem("active")
                        .addProperty("active", new BooleanSchema())
                        .additionalProperties(true)),
                "invalid_request (RFC 6749 §5.2)")));
        openApi.path(RevocationEndpoint.PATH, new PathItem().post(operation("revoke",
                "Token revocation (RFC 7009)",
                "Revokes one of the caller's tokens (the operator: any); always 200 for a well-formed request.",
                tokenParameters(),
                new ApiResponse().description("Revoked, or left as it was (RFC 7009 §2.2); empty body")
                        .addHeaderObject("Cache-Control", noStore()),
                "invalid_request or unsupported_token_type (RFC 6749 §5.2, RFC 7009 §2.2.1)")));
    }

    private static Operation operation(String id, String summary, String description, Schema<?> parameters,
                                       ApiResponse ok, String badRequest) {
        return new Operation().operationId(id).summary(summary).description(description).addTagsItem(TAG)
                .security(List.of(new SecurityRequirement().addList(OpenApiAutoConfiguration.CLIENT_BASIC),
                        new SecurityRequirement()))
                .requestBody(new RequestBody().required(true).content(new Content()
                        .addMediaType(FORM, new MediaType().schema(parameters))
                        .addMediaType(JSON, new MediaType().schema(parameters))))
                .responses(new ApiResponses()
                        .addApiResponse("200", ok)
                        .addApiResponse("400", error(badRequest))
                        .addApiResponse("401", error("invalid_client: client authentication failed, answered after"
                                + " the failure delay, the same for every reason")
                                .addHeaderObject("WWW-Authenticate", new Header().schema(new StringSchema())))
                        .addApiResponse("405", error("invalid_request: only POST").addHeaderObject("Allow",
                                new Header().schema(new StringSchema())))
                        .addApiResponse("429", error("temporarily_unavailable: too many failed client"
                                + " authentications for this client_id or address").addHeaderObject("Retry-After",
                                new Header().description("seconds").schema(new IntegerSchema()))));
    }

    private static ObjectSchema tokenParameters() {
        return (ObjectSchema) new ObjectSchema().addRequiredItem("token")
                .addProperty("token", new StringSchema().description("the access token"))
                .addProperty("token_type_hint", new StringSchema().description("accepted, ignored"))
                .addProperty("client_id", clientId())
                .addProperty("client_secret", clientSecret());
    }

    private static ApiResponse response(String description, Schema<?> body) {
        return new ApiResponse().description(description).addHeaderObject("Cache-Control", noStore())
                .content(new Content().addMediaType(JSON, new MediaType().schema(body)));
    }

    private static ApiResponse error(String description) {
        return response(description, new ObjectSchema().addRequiredItem("error")
                .addProperty("error", new StringSchema())
                .addProperty("error_description", new StringSchema())
                .addProperty("error_uri", new StringSchema()));
    }

    private static Header noStore() {
        return new Header().schema(new StringSchema()._enum(List.of("no-store")));
    }

    private static StringSchema clientId() {
        return (StringSchema) new StringSchema().description("client_secret_post only (else HTTP Basic)");
    }

    private static StringSchema clientSecret() {
        return (StringSchema) new StringSchema().format("password")
                .description("client_secret_post only (else HTTP Basic)");
    }
}
