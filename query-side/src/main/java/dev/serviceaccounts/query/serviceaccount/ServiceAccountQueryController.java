package dev.serviceaccounts.query.serviceaccount;

import static dev.serviceaccounts.query.company.CompanyPathCheck.companyId;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.query.web.QueryParameters;
import java.time.Clock;
import java.time.Instant;
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
 * {@code lastUsedAt}, joined here from {@link SecretUsages} (docs/decisions.md D26). With {@code asOf}, both answer
 * as of that past instant, rebuilt from the events ({@link AccountHistories}, docs/decisions.md D33).
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountQueryController {

    private final ServiceAccountViews views;
    private final CompanyAccessPolicy access;
    private final SecretUsages usages;
    private final AccountHistories histories;
    private final Clock clock;

    public ServiceAccountQueryController(ServiceAccountViews views, CompanyAccessPolicy access, SecretUsages usages,
                                         AccountHistories histories, Clock clock) {
        this.views = views;
        this.access = access;
        this.usages = usages;
        this.histories = histories;
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
        ServiceAccountListQuery query = ServiceAccountListQuery.parse(status, appType, usable, namePrefix, cursor, limit,
                null, clock.instant());
        return usages.withLastUsed(views.findPage(companyId, query).map(this::withActiveSecrets));
    }

    /**
     * The list as it was at {@code asOf}: the company's accounts that existed then, each as
     * {@link #getAsOf} shows it, filtered by their state then, in the same order and with the same cursor as the
     * current list. Each account's events are folded on every request (docs/decisions.md D33), so {@code limit} is
     * at most {@value ServiceAccountListQuery#MAX_AS_OF_LIMIT}.
     *
     * @param asOf ISO-8601 instant with {@code Z} or an offset, not in the future
     * @return {@code {items: [...], nextCursor}}; 400 problem+json listing each invalid parameter (a malformed or
     *         future {@code asOf} among them)
     */
    @GetMapping(params = "asOf")
    public ServiceAccountAsOfView.Page listAsOf(@PathVariable String companyId, @AuthenticationPrincipal Caller caller,
                                                @RequestParam String asOf,
                                                @RequestParam(required = false) String status,
                                                @RequestParam(required = false) String appType,
                                                @RequestParam(required = false) String usable,
                                                @RequestParam(required = false) String namePrefix,
                                                @RequestParam(required = false) String cursor,
                                                @RequestParam(required = false) String limit) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
        return histories.page(companyId, ServiceAccountListQuery.parse(status, appType, usable, namePrefix, cursor,
                limit, asOf, clock.instant()));
    }

    /** @return one account; 404 when unknown or of another company */
    @GetMapping("/{id}")
    public ServiceAccountView get(@PathVariable String companyId, @PathVariable String id,
                                  @AuthenticationPrincipal Caller caller) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
        return views.find(id).filter(view -> view.companyId().equals(companyId))
                .map(this::withActiveSecrets)
                .map(usages::withLastUsed)
                .orElseThrow(() -> new NotFoundException("Service account"));
    }

    /**
     * One account as it was at {@code asOf}, rebuilt from its events with the fold of the live view: the live
     * view's fields then (secrets active then, without {@code lastUsedAt}), {@code asOf}, and
     * {@code permissionChanges}, who last changed each permission and when (docs/design.md §5).
     *
     * @param asOf ISO-8601 instant with {@code Z} or an offset ({@code 2026-11-30T10:00:00Z}), read to the millisecond
     * @return the account then; 400 problem+json when {@code asOf} is malformed or in the future; 404 when the
     *         account is unknown, of another company, or was created after {@code asOf}
     */
    @GetMapping(path = "/{id}", params = "asOf")
    public ServiceAccountAsOfView getAsOf(@PathVariable String companyId, @PathVariable String id,
                                          @RequestParam String asOf, @AuthenticationPrincipal Caller caller) {
        access.require(caller, companyId(companyId), PermissionLevel.READ_ONLY, CompanyTool.ADMIN);
        QueryParameters parameters = new QueryParameters();
        Instant instant = parameters.parsePastInstant("asOf", asOf, clock.instant());
        parameters.validate();
        return histories.at(id, instant).filter(account -> account.state().companyId().equals(companyId))
                .map(account -> account.view(instant))
                .orElseThrow(() -> new NotFoundException("Service account"));
    }

    private ServiceAccountView withActiveSecrets(ServiceAccountView view) {
        return AccountState.of(view).secretsActiveAt(clock.instant()).view();
    }
}
