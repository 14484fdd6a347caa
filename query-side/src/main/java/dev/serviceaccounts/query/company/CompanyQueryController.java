package dev.serviceaccounts.query.company;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.query.web.QueryParameters;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/companies[/{companyId}]}: the companies view (docs/design.md §4, §5). The operator reads
 * every company. A service account reads only its own company, and only while it may read its service
 * accounts (a functional auditor: Admin tool READ_ONLY or higher); to anyone else the company is invisible:
 * the list is empty and the company is 404, as an unknown or another company's id is (never 403), so that
 * neither answer tells which companies exist. A company created a moment ago is 404 until this view has
 * its creation event (usually milliseconds).
 */
@RestController
@RequestMapping(path = "/api/v1/companies", produces = MediaType.APPLICATION_JSON_VALUE)
public class CompanyQueryController {

    /** Page size when {@code limit} is absent. */
    static final int DEFAULT_LIMIT = 50;
    /** Largest page size. */
    static final int MAX_LIMIT = 200;

    private final KnownCompanies companies;
    private final CompanyAccessPolicy access;

    public CompanyQueryController(KnownCompanies companies, CompanyAccessPolicy access) {
        this.companies = companies;
        this.access = access;
    }

    /**
     * Lists the companies the caller may read, ordered by company id.
     *
     * @param cursor the {@code nextCursor} of the previous page
     * @param limit  page size, 1–200, default 50
     * @return {@code {items: [{companyId, name, createdAt}], nextCursor}}; {@code nextCursor} only when more
     *         items exist; 400 problem+json listing each invalid parameter
     */
    @GetMapping
    public CompanyPage list(@AuthenticationPrincipal Caller caller,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(required = false) String limit) {
        QueryParameters parameters = new QueryParameters();
        String after = parameters.parse("cursor", cursor, CompanyPage::decode, "must be a nextCursor of this list");
        Integer size = parameters.parseInt("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        parameters.validate();
        if (caller.operator()) {
            access.requireOperator(caller);
            return companies.findPage(null, after, size);
        }
        CompanyId own = caller.companyId().orElse(null);
        if (own == null || !access.allows(caller, own, PermissionLevel.READ_ONLY, CompanyTool.ADMIN)) {
            return new CompanyPage(List.of(), null);
        }
        return companies.findPage(own.value(), after, size);
    }

    /** @return the company {@code {companyId, name, createdAt}}; 404 when unknown or not readable by the caller */
    @GetMapping("/{companyId}")
    public CompanyView get(@PathVariable String companyId, @AuthenticationPrincipal Caller caller) {
        if (!access.allows(caller, CompanyPathCheck.companyId(companyId), PermissionLevel.READ_ONLY,
                CompanyTool.ADMIN)) {
            throw new NotFoundException("Company");
        }
        return companies.find(companyId).orElseThrow(() -> new NotFoundException("Company"));
    }
}
