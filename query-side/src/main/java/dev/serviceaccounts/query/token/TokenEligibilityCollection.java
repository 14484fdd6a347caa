package dev.serviceaccounts.query.token;

import dev.serviceaccounts.api.serviceaccount.AccountState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import dev.serviceaccounts.query.view.BatchedDocuments;
import dev.serviceaccounts.query.view.ViewBatch;
import dev.serviceaccounts.query.view.ViewGenerations;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code token_eligibility} collection: the token-eligibility entries as the shared
 * {@value TokenEligibilityProjection#PROCESSING_GROUP} processor keeps them, so that a starting
 * query-side instance loads them instead of replaying the event store. Only entries of the current shape
 * ({@code {_id: clientId, account: {...}}}) are read: one of the earlier shape (no {@code account}) is never
 * found, and the processor's replay overwrites it. After a rebuild, the collection the rebuild made
 * ({@link ViewGenerations}, docs/decisions.md D39).
 */
@Component
public class TokenEligibilityCollection implements EligibleClients {

    static final String COLLECTION = "token_eligibility";
    private static final String ACCOUNT = "account";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live collection, the one {@link ViewGenerations} names (the first: {@code token_eligibility}). */
    @Autowired
    public TokenEligibilityCollection(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(TokenEligibilityProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The first collection, {@code token_eligibility}, never switched. */
    public TokenEligibilityCollection(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The collection {@code collection} names at each read and write. */
    TokenEligibilityCollection(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
        mongo.indexOps(collection.get()).ensureIndex(new Index().on(ACCOUNT + ".serviceAccountId", Sort.Direction.ASC));
    }

    @Override
    public Optional<EligibleClient> findByServiceAccount(String serviceAccountId) {
        String name = collection.get();
        Supplier<Optional<EligibleClient>> stored = () -> Optional.ofNullable(mongo.findOne(
                new Query(Criteria.where(ACCOUNT + ".serviceAccountId").is(serviceAccountId)), EligibleClient.class, name));
        return batch(name).map(documents -> documents.findByKey(serviceAccountId, EligibleClient.class, stored))
                .orElseGet(stored);
    }

    /** Saves the entry, at the end of the processor's batch when there is one ({@link ViewBatch}). */
    @Override
    public void save(EligibleClient client) {
        String name = collection.get();
        batch(name).ifPresentOrElse(documents -> documents.save(client.clientId(),
                client.account().serviceAccountId(), client), () -> mongo.save(client, name));
    }

    /**
     * The batch's writes, holding from the start the entries of the batch's accounts, read in one query (an
     * {@code $in} on the indexed account id; docs/decisions.md D54) rather than one per account.
     */
    private Optional<BatchedDocuments> batch(String name) {
        return ViewBatch.part(name, payloads -> new BatchedDocuments(mongo, name).readByKey(
                ACCOUNT + ".serviceAccountId", payloads.stream().map(AccountState::accountId).filter(Objects::nonNull)
                        .collect(Collectors.toSet()),
                EligibleClient.class, EligibleClient::clientId, client -> client.account().serviceAccountId()));
    }

    @Override
    public void clear() {
        mongo.remove(new Query(), collection.get());
    }

    /** @return every stored entry */
    List<EligibleClient> findAll() {
        return mongo.find(new Query(Criteria.where(ACCOUNT).exists(true)), EligibleClient.class, collection.get());
    }
}
