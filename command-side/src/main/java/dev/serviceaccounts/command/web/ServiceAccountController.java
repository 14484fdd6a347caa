package dev.serviceaccounts.command.web;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.GrantCompanyPermissionCommand;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ClientId;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import dev.serviceaccounts.command.security.Caller;
import dev.serviceaccounts.command.security.CallerAuthorization;
import dev.serviceaccounts.command.serviceaccount.ClientIdRegistry;
import dev.serviceaccounts.command.serviceaccount.CredentialsGenerator;
import dev.serviceaccounts.command.serviceaccount.NewSecret;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-account commands of a company (DESIGN §5). Account lifecycle needs ADMIN on the company Admin
 * tool; permissions need ADMIN on the company Directory tool (DESIGN §4). The client secret appears only
 * in the create response, which is never cached.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountController {

    private final CallerAuthorization authorization;
    private final CommandSender commands;
    private final CredentialsGenerator generator;
    private final ClientIdRegistry clientIds;
    private final ServiceAccountsProperties properties;

    public ServiceAccountController(CallerAuthorization authorization, CommandSender commands,
                                    CredentialsGenerator generator, ClientIdRegistry clientIds,
                                    ServiceAccountsProperties properties) {
        this.authorization = authorization;
        this.commands = commands;
        this.generator = generator;
        this.clientIds = clientIds;
        this.properties = properties;
    }

    /**
     * CreateServiceAccount. Body {@code {name, appType: CUSTOM|MARKETPLACE, marketplaceAppId?}}.
     *
     * @return 201 with the {@code clientSecret}, shown this once; 400 with per-field errors; 404 for a
     *         company the caller cannot see; 403 without ADMIN on the Admin tool
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ServiceAccountCreated> create(@PathVariable String companyId,
                                                        @RequestBody CreateServiceAccountRequest body,
                                                        @AuthenticationPrincipal Jwt token,
                                                        HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        Caller caller = authorization.requireCompanyLevel(token, company, CompanyTool.ADMIN, PermissionLevel.ADMIN);
        AppType appType = parse(AppType.class, body.appType(), "appType");
        ServiceAccountId id = new ServiceAccountId(UUID.randomUUID().toString());
        ClientId clientId = reserveClientId(id, company);
        NewSecret secret = generator.newSecret();
        ContactId contactId = new ContactId(UUID.randomUUID().toString());
        String email = "sa-" + id.value().replace("-", "").substring(0, 16) + "@" + properties.contactEmailDomain();
        Instant createdAt = secret.stored().createdAt();
        commands.send(new CreateServiceAccountCommand(id, company, body.name(), appType, body.marketplaceAppId(),
                clientId, secret.stored(), contactId, email, createdAt), caller, request);
        ServiceAccountCreated created = new ServiceAccountCreated(id.value(), clientId.value(), secret.plaintext(),
                secret.stored().secretId().value(), body.name().trim(), appType, body.marketplaceAppId(),
                new Contact(contactId.value(), email), Map.of(), createdAt);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + company + "/service-accounts/" + id))
                .cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache")
                .body(created);
    }

    /**
     * GrantPermission on a company tool. Body {@code {level: NONE|READ_ONLY|STANDARD|ADMIN}}; NONE revokes.
     *
     * @return 200 {@code {serviceAccountId, tool, level}}; 400 for an unknown tool or level; 404 for an
     *         account not in this company; 403 without ADMIN on the Directory tool
     */
    @PutMapping(path = "/{serviceAccountId}/permissions/company/{tool}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PermissionSet grant(@PathVariable String companyId, @PathVariable String serviceAccountId,
                               @PathVariable String tool, @RequestBody PermissionRequest body,
                               @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        Caller caller = authorization.requireCompanyLevel(token, company, CompanyTool.DIRECTORY, PermissionLevel.ADMIN);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        CompanyTool companyTool = CompanyTool.parse(tool).orElseThrow(() -> DomainException.invalidFields(
                Map.of("tool", "must be one of " + Arrays.toString(CompanyTool.values()))));
        PermissionLevel level = parse(PermissionLevel.class, body.level(), "level");
        commands.send(new GrantCompanyPermissionCommand(id, company, companyTool, level), caller, request);
        return new PermissionSet(id.value(), companyTool, level);
    }

    private ClientId reserveClientId(ServiceAccountId id, CompanyId company) {
        for (int attempt = 0; attempt < 3; attempt++) {
            ClientId candidate = generator.newClientId();
            if (clientIds.reserve(candidate, id, company)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Three random 192-bit client ids collided: the random source is broken");
    }

    private static CompanyId companyId(String value) {
        try {
            return new CompanyId(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Company");
        }
    }

    private static ServiceAccountId serviceAccountId(String value) {
        try {
            return new ServiceAccountId(value);
        } catch (IllegalArgumentException e) {
            throw DomainException.notFound("Service account");
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        String allowed = Arrays.toString(type.getEnumConstants());
        return Optional.ofNullable(value)
                .flatMap(v -> Arrays.stream(type.getEnumConstants())
                        .filter(c -> c.name().equals(v.trim().toUpperCase(Locale.ROOT)))
                        .findFirst())
                .orElseThrow(() -> DomainException.invalidFields(Map.of(field, "must be one of " + allowed)));
    }

    /** Request body of CreateServiceAccount. */
    public record CreateServiceAccountRequest(String name, String appType, String marketplaceAppId) {
    }

    /** Request body of GrantPermission. */
    public record PermissionRequest(String level) {
    }

    /** A service account's directory contact. */
    public record Contact(String id, String email) {
    }

    /** Response of CreateServiceAccount; the only place the client secret ever appears. */
    public record ServiceAccountCreated(String id, String clientId, String clientSecret, String secretId,
                                        String name, AppType appType, String marketplaceAppId, Contact contact,
                                        Map<String, PermissionLevel> permissions, Instant createdAt) {

        @Override
        public String toString() {
            return "ServiceAccountCreated[id=" + id + ", clientId=" + clientId + "]";
        }
    }

    /** Response of GrantPermission. */
    public record PermissionSet(String serviceAccountId, CompanyTool tool, PermissionLevel level) {
    }
}
