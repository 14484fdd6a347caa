package dev.serviceaccounts.query.company;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.query.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Answers 404 for every request whose path names a company ({@code {companyId}}) that does not exist or is
 * malformed, before the endpoint runs, for the operator too: the same answer as the command side's. It checks
 * every endpoint by the path variable's name, so a new endpoint under a company is covered without remembering
 * to call it. It runs after authentication, so a request without a token is still 401 first. Another company's
 * data stays hidden from a service account by the endpoints' own authorization (404 as well).
 */
@Component
public class CompanyPathCheck implements HandlerInterceptor, WebMvcConfigurer {

    /** The name of the path variable that holds a company id, in every endpoint's path. */
    public static final String COMPANY_ID = "companyId";

    private final KnownCompanies companies;

    public CompanyPathCheck(KnownCompanies companies) {
        this.companies = companies;
    }

    /** Registers this check for every endpoint. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    /**
     * @return {@code value} as a company id, for an endpoint's authorization
     * @throws NotFoundException when it is malformed
     */
    public static CompanyId companyId(String value) {
        try {
            return new CompanyId(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("Company");
        }
    }

    /** @throws NotFoundException when the path names a company that does not exist */
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> values && values.get(COMPANY_ID) instanceof String companyId
                && !companies.exists(companyId)) {
            throw new NotFoundException("Company");
        }
        return true;
    }
}
