package dev.serviceaccounts.web.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document's frame for both apps (springdoc serves it at {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; open to anyone, documentation only: docs/decisions.md D45): a title naming the app
 * ({@code spring.application.name}), the bearer access token every API endpoint needs ({@value #BEARER}, an RFC 9068
 * JWT from {@code POST /oauth/token}) as the default requirement, and HTTP Basic client authentication
 * ({@value #CLIENT_BASIC}, RFC 6749 §2.3.1) for the endpoints a client calls with its own credentials.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    /** Name of the bearer-token security scheme. */
    public static final String BEARER = "bearerToken";
    /** Name of the HTTP Basic client-authentication scheme ({@code client_secret_basic}). */
    public static final String CLIENT_BASIC = "clientSecretBasic";

    /** @return the document's info, security schemes and default requirement */
    @Bean
    @ConditionalOnMissingBean
    public OpenAPI serviceAccountsOpenApi(@Value("${spring.application.name:service-accounts}") String application) {
        return new OpenAPI()
                .info(new Info().title("Service Accounts: " + application).version("v1")
                        .description("Machine identities for a company's integrations, and OAuth 2.0 access tokens"
                                + " for them (README.md). Errors are application/problem+json (RFC 9457), those of"
                                + " the /oauth endpoints RFC 6749 §5.2 JSON."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token from POST /oauth/token (RFC 9068 at+jwt)"))
                        .addSecuritySchemes(CLIENT_BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("client_id and client_secret (client_secret_basic, RFC 6749 §2.3.1)")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
