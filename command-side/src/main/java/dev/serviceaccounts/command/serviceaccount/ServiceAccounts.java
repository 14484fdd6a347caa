package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.ServiceAccountId;
import dev.serviceaccounts.command.AggregateReads;
import dev.serviceaccounts.command.directory.ContactState;
import java.util.Optional;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** Reads service accounts from their aggregates, for authorization and directory decisions (docs/design.md §4). */
@Service
public class ServiceAccounts {

    private final Repository<ServiceAccount> repository;

    public ServiceAccounts(Repository<ServiceAccount> serviceAccountRepository) {
        this.repository = serviceAccountRepository;
    }

    /** @return the account's rights as of its last event, or empty when no such account exists */
    public Optional<AccountRights> rightsOf(ServiceAccountId serviceAccountId) {
        return AggregateReads.read(repository, serviceAccountId.value(), ServiceAccount::rights);
    }

    /** @return the account's directory contact as of its last event, or empty when no such account exists */
    public Optional<ContactState> contactOf(ServiceAccountId serviceAccountId) {
        return AggregateReads.read(repository, serviceAccountId.value(), (ServiceAccount account, Long version) -> account.contactState(version));
    }
}
