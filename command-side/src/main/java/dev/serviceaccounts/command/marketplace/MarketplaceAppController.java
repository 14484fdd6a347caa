package dev.serviceaccounts.command.marketplace;

import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * {@code POST /api/v1/marketplace-apps}: the operator registers a marketplace app (docs/decisions.md D48). Apps
 * are read on the query side, so the answer's {@code Location} is the query side's
 * {@code GET /api/v1/marketplace-apps/{marketplaceAppId}} on the configured issuer, 404 until its view has the
 * registration (usually milliseconds).
 */
@RestController
@RequestMapping(path = "/api/v1/marketplace-apps", produces = MediaType.APPLICATION_JSON_VALUE)
public class MarketplaceAppController {

    private final CompanyAccessPolicy access;
    private final CommandDispatch commands;
    private final CommonProperties properties;

    public MarketplaceAppController(CompanyAccessPolicy access, CommandDispatch commands,
                                    CommonProperties properties) {
        this.access = access;
        this.commands = commands;
        this.properties = properties;
    }

    /**
     * Body {@code {id, name}}; 201 {@code {id, name, registeredAt}} with {@code Location}; 400 INVALID_FIELD
     * ({@code id}, {@code name}: the rule of names), 409 MARKETPLACE_APP_EXISTS, 403 for anyone but the operator.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<MarketplaceAppRegistered> register(@RequestBody RegisterMarketplaceAppRequest body,
                                                             @AuthenticationPrincipal Caller caller) {
        access.requireOperator(caller);
        Instant registeredAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        commands.send(new RegisterMarketplaceAppCommand(body.id(), body.name(), registeredAt));
        String id = body.id().trim();
        return ResponseEntity.created(URI.create(properties.issuer() + "/api/v1/marketplace-apps/"
                        + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8)))
                .body(new MarketplaceAppRegistered(id, body.name().trim(), registeredAt));
    }

    /** Request body of {@code POST /api/v1/marketplace-apps}. */
    public record RegisterMarketplaceAppRequest(String id, String name) {
    }

    /** Response body of {@code POST /api/v1/marketplace-apps}. */
    public record MarketplaceAppRegistered(String id, String name, Instant registeredAt) {
    }
}
