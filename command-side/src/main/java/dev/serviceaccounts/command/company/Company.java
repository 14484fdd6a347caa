package dev.serviceaccounts.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.company.CreateCompanyCommand;
import dev.serviceaccounts.command.DomainException;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A company, owner of one company directory. Created by the operator. */
@Aggregate
class Company {

    static final int MAX_NAME_LENGTH = 255;

    @AggregateIdentifier
    private CompanyId companyId;

    @CommandHandler
    Company(CreateCompanyCommand command) {
        String name = command.name() == null ? "" : command.name().trim();
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw DomainException.invalidFields(Map.of("name", "must be 1-255 characters, not blank"));
        }
        apply(new CompanyCreatedEvent(command.companyId(), name));
    }

    @EventSourcingHandler
    void on(CompanyCreatedEvent event) {
        this.companyId = event.companyId();
    }

    Company() {
        // for Axon
    }
}
