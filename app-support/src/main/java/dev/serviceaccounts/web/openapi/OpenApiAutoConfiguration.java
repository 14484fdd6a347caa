package dev.serviceaccounts.web.openapi;

import dev.serviceaccounts.web.security.ApiSecurity;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.List;
import java.util.TreeSet;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI document's frame for both apps (springdoc serves it at {@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}; open to anyone, documentation only: docs/decisions.md D45): a title naming the app
 * ({@code spring.application.name}), the bearer access token every API endpoint needs ({@value #BEARER}, an RFC 9068
 * JWT from {@code POST /oauth/token}) as the default requirement, and HTTP Basic client authentication
 * ({@value #CLIENT_BASIC}, RFC 6749 §2.3.1) for the endpoints a client calls with its own credentials; and the
 * health groups ({@code /actuator/health/liveness}, {@code /readiness}, {@code /details}), which springdoc's actuator
 * listing leaves out, the probes and the health status marked open ({@link ApiSecurity#HEALTH_PATHS}).
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

    /** @return the customizer that lists each health group and marks the open health paths as needing no token */
    @Bean
    public OpenApiCustomizer healthGroupsOpenApi(ObjectProvider<HealthEndpointGroups> groups) {
        return openApi -> {
            HealthEndpointGroups healthGroups = groups.getIfAvailable();
            if (healthGroups == null || openApi.getPaths() == null) {
                return;
            }
            for (String group : new TreeSet<>(healthGroups.getNames())) {
                String path = "/actuator/health/" + group;
                openApi.path(path, new PathItem().get(new Operation().operationId("health-" + group)
                        .addTagsItem("Actuator").summary("Health group " + group)
                        .description(ApiSecurity.HEALTH_PATHS.contains(path)
                                ? "The status only, open to anyone; 503 when not UP"
                                : "Every component with its details; the operator only")
                        .responses(new ApiResponses()
                                .addApiResponse("200", health("UP"))
                                .addApiResponse("503", health("DOWN or OUT_OF_SERVICE")))));
            }
            openApi.getPaths().forEach((path, item) -> {
                if (ApiSecurity.HEALTH_PATHS.contains(path) && item.getGet() != null) {
                    item.getGet().setSecurity(List.of(new SecurityRequirement()));
                }
            });
        };
    }

    private static ApiResponse health(String status) {
        return new ApiResponse().description(status).content(new Content().addMediaType("application/json",
                new io.swagger.v3.oas.models.media.MediaType().schema(new ObjectSchema().addRequiredItem("status")
                        .addProperty("status", new StringSchema())
                        .addProperty("components", new ObjectSchema()))));
    }
}
