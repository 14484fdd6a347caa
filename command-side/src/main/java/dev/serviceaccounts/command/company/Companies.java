package dev.serviceaccounts.command.company;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.command.AggregateReads;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** Reads companies from their aggregates (the event store), never from a view. */
@Service
public class Companies {

    private final Repository<Company> repository;

    public Companies(Repository<Company> companyRepository) {
        this.repository = companyRepository;
    }

    /** @return true when a company with this id was created */
    public boolean exists(CompanyId companyId) {
        return AggregateReads.read(repository, companyId.value(), company -> Boolean.TRUE).orElse(false);
    }
}
