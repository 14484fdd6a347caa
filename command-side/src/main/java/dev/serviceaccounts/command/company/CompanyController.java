package dev.serviceaccounts.command.company;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.support.config.CommonProperties;
import dev.serviceaccounts.web.security.Caller;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/companies}: the operator creates a company (docs/design.md §5). Companies are read on the
 * query side, so the answer's {@code Location} is the query side's {@code GET /api/v1/companies/{companyId}},
 * an absolute URL on the configured issuer ({@code service-accounts.issuer}), which is the query side's public
 * base URL. That read is 404 until the query side's companies view has the creation (usually milliseconds).
 */
@RestController
@RequestMapping(path = "/api/v1/companies", produces = MediaType.APPLICATION_JSON_VALUE)
public class CompanyController {

    private final CompanyService companies;
    private final CommonProperties properties;

    public CompanyController(CompanyService companies, CommonProperties properties) {
        this.companies = companies;
        this.properties = properties;
    }

    /**
     * Body {@code {name}}; 201 {@code {companyId, name}} with {@code Location: <issuer>/api/v1/companies/{companyId}}
     * (the query side's read); 403 for anyone but the operator.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CompanyCreated> create(@RequestBody CreateCompanyRequest body,
                                                 @AuthenticationPrincipal Caller caller) {
        CompanyId companyId = companies.create(caller, body.name());
        return ResponseEntity.created(URI.create(properties.issuer() + "/api/v1/companies/" + companyId))
                .body(new CompanyCreated(companyId.value(), body.name().trim()));
    }

    /** Request body of {@code POST /api/v1/companies}. */
    public record CreateCompanyRequest(String name) {
    }

    /** Response body of {@code POST /api/v1/companies}. */
    public record CompanyCreated(String companyId, String name) {
    }
}
