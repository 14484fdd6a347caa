package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.command.AggregateReads;
import dev.serviceaccounts.command.directory.ContactHolder;
import dev.serviceaccounts.command.directory.DirectoryContact;
import java.util.Optional;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Reads service accounts from their aggregates, for authorization decisions (docs/design.md §4), and holds
 * their directory contacts for the directory's commands ({@link ContactHolder}).
 */
@Service
public class ServiceAccounts implements ContactHolder {

    private final Repository<ServiceAccount> repository;
    private final AggregateReads<ServiceAccount> reads;

    public ServiceAccounts(Repository<ServiceAccount> serviceAccountRepository, ObjectProvider<Configuration> axon) {
        this.repository = serviceAccountRepository;
        this.reads = new AggregateReads<>(ServiceAccount.class, axon::getObject);
    }

    /** @return the account's rights as of its last event, or empty when no such account exists */
    public Optional<AccountRights> rightsOf(ServiceAccountId serviceAccountId) {
        return reads.read(serviceAccountId.value(), ServiceAccount::rights);
    }

    /**
     * @return false only when the account exists in {@code company} and names another marketplace app than
     *         {@code marketplaceAppId}, or none: an unknown or another company's account is left to its command,
     *         which answers 404
     */
    public boolean keepsMarketplaceApp(ServiceAccountId serviceAccountId, CompanyId company, String marketplaceAppId) {
        return reads.read(serviceAccountId.value(), account -> account.keepsMarketplaceApp(company, marketplaceAppId))
                .orElse(true);
    }

    @Override
    public ContactKind kind() {
        return ContactKind.SERVICE_ACCOUNT;
    }

    @Override
    public Repository<? extends DirectoryContact> repository() {
        return repository;
    }

    @Override
    public AggregateReads<? extends DirectoryContact> reads() {
        return reads;
    }
}
