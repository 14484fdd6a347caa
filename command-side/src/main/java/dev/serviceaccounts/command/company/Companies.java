package dev.serviceaccounts.command.company;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.command.AggregateReads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.Configuration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Reads companies from their aggregates (the event store), never from a view. A company is never deleted, so a
 * company once read is remembered for good (no read per request, docs/decisions.md D41); an unknown id is read
 * each time.
 */
@Service
public class Companies {

    private final AggregateReads<Company> reads;
    private final Set<CompanyId> known = ConcurrentHashMap.newKeySet();

    public Companies(ObjectProvider<Configuration> axon) {
        this.reads = new AggregateReads<>(Company.class, axon::getObject);
    }

    /** @return true when a company with this id was created */
    public boolean exists(CompanyId companyId) {
        if (known.contains(companyId)) {
            return true;
        }
        boolean exists = reads.read(companyId.value(), company -> Boolean.TRUE).orElse(false);
        if (exists) {
            known.add(companyId);
        }
        return exists;
    }
}
