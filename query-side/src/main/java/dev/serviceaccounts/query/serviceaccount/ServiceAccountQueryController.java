package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.security.QueryAuthorization;
import dev.serviceaccounts.query.web.NotFoundException;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/companies/{companyId}/service-accounts[/{id}]}: the service-account view, for the
 * operator and the company's auditors (DESIGN §4, §5).
 */
@RestController
@RequestMapping(path = "/api/v1/companies/{companyId}/service-accounts", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceAccountQueryController {

    private final ServiceAccountViews views;
    private final QueryAuthorization authorization;

    public ServiceAccountQueryController(ServiceAccountViews views, QueryAuthorization authorization) {
        this.views = views;
        this.authorization = authorization;
    }

    /** @return {@code {items: [...]}}, oldest first */
    @GetMapping
    public Page list(@PathVariable String companyId, @AuthenticationPrincipal Jwt token) {
        authorization.requireAuditor(token, companyId);
        return new Page(views.findByCompany(companyId));
    }

    /** @return one account; 404 when unknown or of another company */
    @GetMapping("/{id}")
    public ServiceAccountView get(@PathVariable String companyId, @PathVariable String id,
                                  @AuthenticationPrincipal Jwt token) {
        authorization.requireAuditor(token, companyId);
        return views.find(id).filter(view -> view.companyId().equals(companyId))
                .orElseThrow(() -> new NotFoundException("Service account"));
    }

    /** A list response; a cursor will join {@code items} when pagination comes. */
    public record Page(List<ServiceAccountView> items) {
    }
}
