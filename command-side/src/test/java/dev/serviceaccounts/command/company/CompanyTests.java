package dev.serviceaccounts.command.company;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.company.CreateCompanyCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.command.DomainException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

/** The company aggregate: a trimmed, non-blank name of at most 255 characters. */
class CompanyTests {

    private static final CompanyId ID = new CompanyId("0b7e4f5a-1c2d-4e3f-8a9b-1c2d3e4f5a6b");

    private final AggregateTestFixture<Company> fixture = new AggregateTestFixture<>(Company.class);

    @Test
    void createWhenNameGivenThenCreatedWithTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompanyCommand(ID, "  Acme  "))
                .expectEvents(new CompanyCreatedEvent(ID, "Acme"));
    }

    @Test
    void createWhenNameBlankThenRejected() {
        fixture.givenNoPriorActivity()
                .when(new CreateCompanyCommand(ID, " "))
                .expectNoEvents()
                .expectException(DomainException.class);
    }
}
