package dev.serviceaccounts.command.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.serviceaccounts.api.Names;
import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.company.CreateCompanyCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.command.DomainException;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A company, owner of one company directory. Created by the operator. */
@Aggregate
class Company {

    @AggregateIdentifier
    private CompanyId companyId;

    @CommandHandler
    Company(CreateCompanyCommand command) {
        Map<String, String> errors = new java.util.HashMap<>();
        String name = Names.check(command.name(), "name", errors);
        if (!errors.isEmpty()) {
            throw DomainException.invalidFields(errors);
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
