package dev.serviceaccounts.command.web;

import static dev.serviceaccounts.command.web.Requests.companyId;
import static dev.serviceaccounts.command.web.Requests.enumValue;
import static dev.serviceaccounts.command.web.Requests.serviceAccountId;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ClientId;
import dev.serviceaccounts.api.serviceaccount.CreateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.DeleteServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.EditServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ReactivateServiceAccountCommand;
import dev.serviceaccounts.api.serviceaccount.ResetClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.config.ServiceAccountsProperties;
import dev.serviceaccounts.command.directory.DirectoryService;
import dev.serviceaccounts.command.security.Caller;
import dev.serviceaccounts.command.security.CallerAuthorization;
import dev.serviceaccounts.command.serviceaccount.ClientIdRegistry;
import dev.serviceaccounts.command.serviceaccount.CredentialsGenerator;
import dev.serviceaccounts.command.serviceaccount.NewSecret;
import dev.serviceaccounts.command.serviceaccount.ServiceAccountFields;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-account lifecycle of a company (docs/design.md §5): create, edit, reset and rotate the secret,
 * deactivate, reactivate, delete. All need ADMIN on the company Admin tool (docs/design.md §4); the commands that
 * hand out a secret also carry what the caller holds, and the account refuses to hand out more (403
 * {@code credential-exceeds-caller}). A client secret appears only in the response of the command that
 * made it, which is never cached.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountController {

    /** Longest grace period of a rotated-out secret: 30 days, in seconds. */
    static final long MAX_GRACE_SECONDS = 30L * 24 * 3600;

    private final CallerAuthorization authorization;
    private final CommandSender commands;
    private final CredentialsGenerator generator;
    private final ClientIdRegistry clientIds;
    private final DirectoryService directory;
    private final ServiceAccountsProperties properties;

    public ServiceAccountController(CallerAuthorization authorization, CommandSender commands,
                                    CredentialsGenerator generator, ClientIdRegistry clientIds,
                                    DirectoryService directory, ServiceAccountsProperties properties) {
        this.authorization = authorization;
        this.commands = commands;
        this.generator = generator;
        this.clientIds = clientIds;
        this.directory = directory;
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
        Caller caller = lifecycleCaller(token, company);
        CommandDispatch dispatch = commands.as(caller, request);
        AppType appType = ServiceAccountFields.of(body.name(), Requests.enumOrNull(AppType.class, body.appType()),
                body.marketplaceAppId()).appType();
        ServiceAccountId id = new ServiceAccountId(UUID.randomUUID().toString());
        ClientId clientId = reserveClientId(id, company);
        NewSecret secret = generator.newSecret();
        ContactId contactId = new ContactId(UUID.randomUUID().toString());
        String email = "sa-" + id.value().replace("-", "").substring(0, 16) + "@" + properties.contactEmailDomain();
        Instant createdAt = secret.stored().createdAt();
        CreateServiceAccountCommand command = new CreateServiceAccountCommand(id, company, body.name(), appType,
                body.marketplaceAppId(), clientId, secret.stored(), contactId, email, createdAt, caller.rights());
        directory.createServiceAccountContact(company, contactId, id, email, command, dispatch);
        ServiceAccountCreated created = new ServiceAccountCreated(id.value(), clientId.value(), secret.plaintext(),
                secret.stored().secretId().value(), body.name().trim(), appType,
                body.marketplaceAppId() == null ? null : body.marketplaceAppId().trim(),
                new Contact(contactId.value(), email), Map.of(), createdAt);
        return ResponseEntity.created(URI.create("/api/v1/companies/" + company + "/service-accounts/" + id))
                .cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(created);
    }

    /** Edit. Body {@code {name?, appType?, marketplaceAppId?}}: absent fields stay. @return 200 {@code {id}} */
    @PatchMapping(path = "/{serviceAccountId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Changed edit(@PathVariable String companyId, @PathVariable String serviceAccountId,
                        @RequestBody EditServiceAccountRequest body, @AuthenticationPrincipal Jwt token,
                        HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        CommandDispatch dispatch = lifecycle(token, company, request);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        dispatch.send(new EditServiceAccountCommand(id, company, body.name(),
                enumValue(AppType.class, body.appType(), "appType", false), body.marketplaceAppId()));
        return new Changed(id.value(), null);
    }

    /**
     * Procore's Reset Secret: every earlier secret stops at once and all permissions and project
     * memberships are wiped to NONE. @return 200 {@code {clientSecret, secretId}}, shown this once
     */
    @PostMapping("/{serviceAccountId}/secret:reset")
    public ResponseEntity<NewClientSecret> reset(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                                 @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        Caller caller = lifecycleCaller(token, company);
        NewSecret secret = generator.newSecret();
        commands.as(caller, request).send(new ResetClientSecretCommand(serviceAccountId(serviceAccountId), company,
                secret.stored(), caller.rights()));
        return noStore(new NewClientSecret(secret.plaintext(), secret.stored().secretId().value(), null));
    }

    /**
     * Rotate: a second secret; the current one works {@code graceSeconds} (0–2592000) longer; permissions kept.
     *
     * @return 200 {@code {clientSecret, secretId, previousSecretExpiresAt}}; 409 while a grace period runs;
     *         403 {@code credential-exceeds-caller} when the account holds a permission the caller does not
     */
    @PostMapping(path = "/{serviceAccountId}/secret:rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<NewClientSecret> rotate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                                  @RequestBody RotateSecretRequest body, @AuthenticationPrincipal Jwt token,
                                                  HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        Caller caller = lifecycleCaller(token, company);
        if (body.graceSeconds() == null || body.graceSeconds() < 0 || body.graceSeconds() > MAX_GRACE_SECONDS) {
            throw DomainException.invalidFields(Map.of("graceSeconds", "must be 0 to " + MAX_GRACE_SECONDS + " seconds"));
        }
        NewSecret secret = generator.newSecret();
        Instant previousExpiresAt = secret.stored().createdAt().plusSeconds(body.graceSeconds());
        commands.as(caller, request).send(new RotateClientSecretCommand(serviceAccountId(serviceAccountId), company,
                secret.stored(), previousExpiresAt, caller.rights()));
        return noStore(new NewClientSecret(secret.plaintext(), secret.stored().secretId().value(), previousExpiresAt));
    }

    /** Deactivate: its secrets stop working until reactivated. @return 200 {@code {id, status}} */
    @PostMapping("/{serviceAccountId}:deactivate")
    public Changed deactivate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                              @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        lifecycle(token, company, request).send(new DeactivateServiceAccountCommand(id, company));
        return new Changed(id.value(), AccountStatus.DEACTIVATED);
    }

    /** Reactivate a deactivated account. @return 200 {@code {id, status}} */
    @PostMapping("/{serviceAccountId}:reactivate")
    public Changed reactivate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                              @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        ServiceAccountId id = serviceAccountId(serviceAccountId);
        lifecycle(token, company, request).send(new ReactivateServiceAccountCommand(id, company));
        return new Changed(id.value(), AccountStatus.ACTIVE);
    }

    /** Delete for good; the {@code client_id} is never reused. @return 204; 409 when already deleted */
    @DeleteMapping("/{serviceAccountId}")
    public ResponseEntity<Void> delete(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                       @AuthenticationPrincipal Jwt token, HttpServletRequest request) {
        CompanyId company = companyId(companyId);
        lifecycle(token, company, request).send(new DeleteServiceAccountCommand(serviceAccountId(serviceAccountId), company));
        return ResponseEntity.noContent().build();
    }

    private CommandDispatch lifecycle(Jwt token, CompanyId company, HttpServletRequest request) {
        return commands.as(lifecycleCaller(token, company), request);
    }

    private Caller lifecycleCaller(Jwt token, CompanyId company) {
        return authorization.requireCompanyLevel(token, company, CompanyTool.ADMIN, PermissionLevel.ADMIN);
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

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }

    /** Request body of CreateServiceAccount. */
    public record CreateServiceAccountRequest(String name, String appType, String marketplaceAppId) {
    }

    /** Request body of the edit. */
    public record EditServiceAccountRequest(String name, String appType, String marketplaceAppId) {
    }

    /** Request body of the rotation; seconds. */
    public record RotateSecretRequest(Long graceSeconds) {
    }

    /** A service account's directory contact. */
    public record Contact(String id, String email) {
    }

    /** Response of CreateServiceAccount; the only place its first client secret ever appears. */
    public record ServiceAccountCreated(String id, String clientId, String clientSecret, String secretId,
                                        String name, AppType appType, String marketplaceAppId, Contact contact,
                                        Map<String, PermissionLevel> permissions, Instant createdAt) {

        @Override
        public String toString() {
            return "ServiceAccountCreated[id=" + id + ", clientId=" + clientId + "]";
        }
    }

    /** Response of reset and rotate: the new secret, shown this once. */
    public record NewClientSecret(String clientSecret, String secretId, Instant previousSecretExpiresAt) {

        @Override
        public String toString() {
            return "NewClientSecret[secretId=" + secretId + "]";
        }
    }

    /** Response of an edit or a status change. */
    public record Changed(String id, AccountStatus status) {
    }
}
