package dev.serviceaccounts.query.security;

import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.web.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Who may read what (DESIGN §4): the operator reads every company; an auditor (Admin tool READ_ONLY or
 * higher, Directory ADMIN implying it) reads only its own company. Another company is 404, never 403.
 */
@Service
public class QueryAuthorization {

    private final ServiceAccountsProperties properties;
    private final ServiceAccountViews views;

    public QueryAuthorization(ServiceAccountsProperties properties, ServiceAccountViews views) {
        this.properties = properties;
        this.views = views;
    }

    /**
     * @throws NotFoundException     when {@code companyId} is not the caller's company
     * @throws AccessDeniedException when the caller lacks READ_ONLY on the Admin tool
     */
    public void requireAuditor(Jwt token, String companyId) {
        String clientId = token.getClaimAsString("client_id");
        if (properties.operatorClientId().equals(clientId)) {
            return;
        }
        if (!companyId.equals(token.getClaimAsString("company_id"))) {
            throw new NotFoundException("Company");
        }
        boolean auditor = views.findByClientId(clientId)
                .filter(view -> view.status() == AccountStatus.ACTIVE && view.companyId().equals(companyId))
                .map(view -> new CompanyPermissions(view.permissions()).effectiveLevel(CompanyTool.ADMIN))
                .filter(level -> level.atLeast(PermissionLevel.READ_ONLY))
                .isPresent();
        if (!auditor) {
            throw new AccessDeniedException("This needs READ_ONLY or higher on the company ADMIN tool");
        }
    }
}
