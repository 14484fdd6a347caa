package dev.serviceaccounts.query.marketplace;

import dev.serviceaccounts.query.web.NotFoundException;
import dev.serviceaccounts.query.web.QueryParameters;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/marketplace-apps[/{marketplaceAppId}]}: the registered marketplace apps (docs/decisions.md D48). No company's
 * data: the operator and any service account with a current token read them (an admin picks one for a MARKETPLACE
 * account). An app registered a moment ago is 404 until this view has its registration (usually milliseconds).
 */
@RestController
@RequestMapping(path = "/api/v1/marketplace-apps", produces = MediaType.APPLICATION_JSON_VALUE)
public class MarketplaceAppQueryController {

    /** Page size when {@code limit} is absent. */
    static final int DEFAULT_LIMIT = 50;
    /** Largest page size. */
    static final int MAX_LIMIT = 200;

    private final MarketplaceApps apps;
    private final CompanyAccessPolicy access;

    public MarketplaceAppQueryController(MarketplaceApps apps, CompanyAccessPolicy access) {
        this.apps = apps;
        this.access = access;
    }

    /**
     * Lists the registered apps, ordered by name, then id.
     *
     * @param cursor the {@code nextCursor} of the previous page
     * @param limit  page size, 1–200, default 50
     * @return {@code {items: [{id, name, registeredAt}], nextCursor}}; {@code nextCursor} only when more items
     *         exist; 400 problem+json listing each invalid parameter
     */
    @GetMapping
    public MarketplaceAppPage list(@AuthenticationPrincipal Caller caller,
                                   @RequestParam(required = false) String cursor,
                                   @RequestParam(required = false) String limit) {
        access.requireCurrentToken(caller);
        QueryParameters parameters = new QueryParameters();
        MarketplaceAppPage.After after = parameters.parse("cursor", cursor, MarketplaceAppPage::decode,
                "must be a nextCursor of this list");
        Integer size = parameters.parseInt("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        parameters.validate();
        return apps.findPage(after, size);
    }

    /** @return the app {@code {id, name, registeredAt}}; 404 when no app with this id is registered */
    @GetMapping("/{marketplaceAppId}")
    public MarketplaceAppView get(@PathVariable String marketplaceAppId, @AuthenticationPrincipal Caller caller) {
        access.requireCurrentToken(caller);
        return apps.find(marketplaceAppId).orElseThrow(() -> new NotFoundException("Marketplace app"));
    }
}
