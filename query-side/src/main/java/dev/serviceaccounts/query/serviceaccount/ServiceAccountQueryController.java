package dev.serviceaccounts.query.serviceaccount;

import static dev.serviceaccounts.query.company.CompanyPathCheck.companyId;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.web.NotFoundException;
import java.time.Clock;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/companies/{companyId}/service-accounts[/{id}]}: the service-account view, for the
 * operator and the company's auditors (docs/design.md §4, §5). {@code secrets} lists only the secrets still
 * active at the time of the request (a rotated-out secret disappears when its grace period ends), each with its
 * {@code lastUsedAt}, joined here from {@link SecretUsages} (docs/decisions.md D26).
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountQueryController {

    private final ServiceAccountViews views;
    private final CompanyAccessPolicy access;
    private final SecretUsages usages;
    private final Clock clock;

    public ServiceAccountQueryController(ServiceAccountViews views, CompanyAccessPolicy access, SecretUsages usages,
                                         Clock clock) {
        this.views = views;
        this.access = access;
        this.usages = usages;
        this.clock = clock;
    }

    /**
     * Lists the company's accounts, oldest first (then by id).
     *
     * @param status     ACTIVE, DEACTIVATED or DELETED (case-insensitive); all when absent
     * @param appType    CUSTOM or MARKETPLACE (case-insensitive)
     * @param usable     true or false
     * @param namePrefix case-insensitive prefix of the name, 1–255 characters
     * @param cursor     the {@code nextCursor} of the previous page
     * @param limit      page size, 1–200, default 50
     * @return {@code {items: [...], nextCursor}}; {@code nextCursor} only when more items exist;
     *         400 problem+json listing each invalid parameter
     */
    @GetMapping
    public ServiceAccountPage list(@PathVariable String companyId, @AuthenticationPrincipal Caller caller,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String appType,
                                   @RequestParam(required = false) String usable,
                                   @RequestParam(required = false) String namePrefix,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) String limit) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
        ServiceAccountListQuery query = ServiceAccountListQuery.parse(status, appType, usable, namePrefix, cursor, limit);
        return usages.withLastUsed(views.findPage(companyId, query).map(this::withActiveSecrets));
    }

    /** @return one account; 404 when unknown or of another company */
    @GetMapping("/{id}")
    public ServiceAccountView get(@PathVariable String companyId, @PathVariable String id,
                                  @RequestParam(name = "asOf", required = false) String asOf,
                                  @AuthenticationPrincipal Caller caller) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
        if (asOf != null) {
            throw new ErrorResponseException(HttpStatus.NOT_IMPLEMENTED, ProblemDetail.forStatusAndDetail(
                    HttpStatus.NOT_IMPLEMENTED, "asOf (state rebuilt at an instant) is not served yet; "
                            + "without it the answer is the current state"), null);
        }
        return views.find(id).filter(view -> view.companyId().equals(companyId))
                .map(this::withActiveSecrets)
                .map(usages::withLastUsed)
                .orElseThrow(() -> new NotFoundException("Service account"));
    }

    private ServiceAccountView withActiveSecrets(ServiceAccountView view) {
        return AccountState.of(view).secretsActiveAt(clock.instant()).view();
    }
}
