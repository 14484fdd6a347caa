package dev.serviceaccounts.command.serviceaccount;

import static dev.serviceaccounts.command.Requests.companyId;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.command.serviceaccount.ServiceAccountService.CreatedServiceAccount;
import dev.serviceaccounts.command.serviceaccount.ServiceAccountService.RotatedSecret;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.Caller;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
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
 * made it, which is never cached. Each endpoint is one call of {@link ServiceAccountService}.
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountController {

    private final ServiceAccountService serviceAccounts;
    private final CommonProperties properties;

    public ServiceAccountController(ServiceAccountService serviceAccounts, CommonProperties properties) {
        this.serviceAccounts = serviceAccounts;
        this.properties = properties;
    }

    /**
     * CreateServiceAccount. Body {@code {name, appType: CUSTOM|MARKETPLACE, marketplaceAppId?}}.
     *
     * @return 201 with the {@code clientSecret}, shown this once, and {@code Location} on the query side's read of
     *         the account ({@code <issuer>/api/v1/companies/{companyId}/service-accounts/{id}}); 400 with per-field
     *         errors; 404 for a company the caller cannot see; 403 without ADMIN on the Admin tool
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ServiceAccountCreated> create(@PathVariable String companyId,
                                                        @RequestBody CreateServiceAccountRequest body,
                                                        @AuthenticationPrincipal Caller caller) {
        CompanyId company = companyId(companyId);
        CreatedServiceAccount account = serviceAccounts.create(caller, company, body.name(), body.appType(),
                body.marketplaceAppId());
        ServiceAccountCreated created = new ServiceAccountCreated(account.id().value(), account.clientId().value(),
                account.secret().plaintext(), account.secret().stored().secretId().value(), account.name(),
                account.appType(), account.marketplaceAppId(),
                new Contact(account.contactId().value(), account.email()), Map.of(), account.createdAt());
        return ResponseEntity.created(URI.create(properties.issuer() + "/api/v1/companies/" + company
                        + "/service-accounts/" + account.id()))
                .cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(created);
    }

    /** Edit. Body {@code {name?, appType?, marketplaceAppId?}}: absent fields stay. @return 200 {@code {id}} */
    @PatchMapping(path = "/{serviceAccountId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public Changed edit(@PathVariable String companyId, @PathVariable String serviceAccountId,
                        @RequestBody EditServiceAccountRequest body, @AuthenticationPrincipal Caller caller) {
        ServiceAccountId id = serviceAccounts.edit(caller, companyId(companyId), serviceAccountId, body.name(),
                body.appType(), body.marketplaceAppId());
        return new Changed(id.value(), null);
    }

    /**
     * Procore's Reset Secret: every earlier secret stops at once and all permissions and project
     * memberships are wiped to NONE. @return 200 {@code {clientSecret, secretId}}, shown this once
     */
    @PostMapping("/{serviceAccountId}/secret:reset")
    public ResponseEntity<NewClientSecret> reset(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                                 @AuthenticationPrincipal Caller caller) {
        NewSecret secret = serviceAccounts.reset(caller, companyId(companyId), serviceAccountId);
        return noStore(new NewClientSecret(secret.plaintext(), secret.stored().secretId().value(), null));
    }

    /**
     * Rotate: a second secret; the current one works {@code graceSeconds} (0–2592000) longer; permissions kept.
     * The body is required; without one (and so without {@code Content-Type}) the answer is 400 naming
     * {@code graceSeconds}, not 415.
     *
     * @return 200 {@code {clientSecret, secretId, previousSecretExpiresAt}}; 409 while a grace period runs;
     *         403 {@code credential-exceeds-caller} when the account holds a permission the caller does not
     */
    @PostMapping(path = "/{serviceAccountId}/secret:rotate", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<NewClientSecret> rotate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                                  @RequestBody(required = false) RotateSecretRequest body,
                                                  @AuthenticationPrincipal Caller caller) {
        RotatedSecret rotated = serviceAccounts.rotate(caller, companyId(companyId), serviceAccountId,
                body == null ? null : body.graceSeconds());
        return noStore(new NewClientSecret(rotated.secret().plaintext(), rotated.secret().stored().secretId().value(),
                rotated.previousExpiresAt()));
    }

    /** Deactivate: its secrets stop working until reactivated. @return 200 {@code {id, status}} */
    @PostMapping("/{serviceAccountId}:deactivate")
    public Changed deactivate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                              @AuthenticationPrincipal Caller caller) {
        ServiceAccountId id = serviceAccounts.deactivate(caller, companyId(companyId), serviceAccountId);
        return new Changed(id.value(), AccountStatus.DEACTIVATED);
    }

    /** Reactivate a deactivated account. @return 200 {@code {id, status}} */
    @PostMapping("/{serviceAccountId}:reactivate")
    public Changed reactivate(@PathVariable String companyId, @PathVariable String serviceAccountId,
                              @AuthenticationPrincipal Caller caller) {
        ServiceAccountId id = serviceAccounts.reactivate(caller, companyId(companyId), serviceAccountId);
        return new Changed(id.value(), AccountStatus.ACTIVE);
    }

    /** Delete for good; the {@code client_id} is never reused. @return 204; 409 when already deleted */
    @DeleteMapping("/{serviceAccountId}")
    public ResponseEntity<Void> delete(@PathVariable String companyId, @PathVariable String serviceAccountId,
                                       @AuthenticationPrincipal Caller caller) {
        serviceAccounts.delete(caller, companyId(companyId), serviceAccountId);
        return ResponseEntity.noContent().build();
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
