package dev.serviceaccounts.query.company;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.web.NotFoundException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

/** Every path with a {@code {companyId}} is checked against the companies view before the endpoint runs. */
class CompanyPathCheckTests {

    private static final String COMPANY = UUID.randomUUID().toString();

    private InMemoryMongo mongo;
    private CompanyPathCheck check;

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        KnownCompanies companies = new KnownCompanies(mongo.template());
        new CompanyProjection(companies).on(new CompanyCreatedEvent(new CompanyId(COMPANY), "Acme"), Instant.now());
        check = new CompanyPathCheck(companies);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenPathNamesAKnownCompanyThenTheEndpointRuns() {
        assertThat(check.preHandle(requestWith(Map.of("companyId", COMPANY)), new MockHttpServletResponse(), null)).isTrue();
    }

    @Test
    void whenPathNamesAnUnknownOrMalformedCompanyThenNotFound() {
        assertThatThrownBy(() -> check.preHandle(requestWith(Map.of("companyId", UUID.randomUUID().toString())),
                new MockHttpServletResponse(), null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> check.preHandle(requestWith(Map.of("companyId", "not-a-company", "id", "x")),
                new MockHttpServletResponse(), null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void whenPathNamesNoCompanyThenTheEndpointRuns() {
        assertThat(check.preHandle(requestWith(Map.of("id", "x")), new MockHttpServletResponse(), null)).isTrue();
        assertThat(check.preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(), null)).isTrue();
    }

    private static MockHttpServletRequest requestWith(Map<String, String> pathVariables) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, pathVariables);
        return request;
    }
}
