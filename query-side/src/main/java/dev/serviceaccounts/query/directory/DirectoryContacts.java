package dev.serviceaccounts.query.directory;

import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.query.view.BatchedDocuments;
import dev.serviceaccounts.query.view.ViewBatch;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import dev.serviceaccounts.query.view.ViewGenerations;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code directory_contacts} collection of {@link DirectoryContactView} documents ({@code _id} =
 * contact id), indexed by directory ({@code companyIds}, multikey) and by {@code serviceAccountId}; after a rebuild,
 * the collection the rebuild made ({@link ViewGenerations}, docs/decisions.md D39).
 */
@Component
public class DirectoryContacts {

    static final String COLLECTION = "directory_contacts";

    private final MongoTemplate mongo;
    private final Supplier<String> collection;

    /** The live view, in the collection {@link ViewGenerations} names (the first: {@code directory_contacts}). */
    @Autowired
    public DirectoryContacts(MongoTemplate mongo, ViewGenerations generations) {
        this(mongo, () -> generations.collection(DirectoryProjection.PROCESSING_GROUP, COLLECTION));
    }

    /** The view in its first collection, {@code directory_contacts}, never switched. */
    public DirectoryContacts(MongoTemplate mongo) {
        this(mongo, () -> COLLECTION);
    }

    /** The view in the collection {@code collection} names at each read and write; its indexes made there. */
    DirectoryContacts(MongoTemplate mongo, Supplier<String> collection) {
        this.mongo = mongo;
        this.collection = collection;
        mongo.indexOps(collection.get()).ensureIndex(new Index().on("companyIds", Sort.Direction.ASC));
        mongo.indexOps(collection.get()).ensureIndex(new Index().on("serviceAccountId", Sort.Direction.ASC));
    }

    /** @return the contact with this id, in whichever directories it is */
    public Optional<DirectoryContactView> find(String contactId) {
        Supplier<Optional<DirectoryContactView>> stored =
                () -> Optional.ofNullable(mongo.findById(contactId, DirectoryContactView.class, collection.get()));
        return batch().map(documents -> documents.find(contactId, DirectoryContactView.class, stored))
                .orElseGet(stored);
    }

    /** @return the contact of this service account */
    public Optional<DirectoryContactView> findByServiceAccount(String serviceAccountId) {
        Supplier<Optional<DirectoryContactView>> stored = () -> Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("serviceAccountId").is(serviceAccountId)), DirectoryContactView.class,
                collection.get()));
        return batch().map(documents -> documents.findByKey(serviceAccountId, DirectoryContactView.class, stored))
                .orElseGet(stored);
    }

    /**
     * @param email null for every contact; else only the contact with this email, in its normal form
     *              ({@link EmailAddresses#normalForm}: another spelling of the address finds it too), compared
     *              case-insensitively
     * @return the contacts of {@code companyId}'s directory, by name then id
     */
    public List<DirectoryContactView> findInDirectory(String companyId, String email) {
        Query query = Query.query(Criteria.where("companyIds").is(companyId)).with(Sort.by("name", "_id"));
        if (email != null) {
            String normal = EmailAddresses.normalForm(email).orElse(email);
            query.addCriteria(Criteria.where("email")
                    .regex(Pattern.compile("^" + Pattern.quote(normal) + "$", Pattern.CASE_INSENSITIVE)));
        }
        return mongo.find(query, DirectoryContactView.class, collection.get());
    }

    /** Saves the contact, at the end of the processor's batch when there is one ({@link ViewBatch}). */
    void save(DirectoryContactView contact) {
        batch().ifPresentOrElse(documents -> documents.save(contact.id(), contact.serviceAccountId(), contact),
                () -> mongo.save(contact, collection.get()));
    }

    /**
     * The batch's writes, holding from the start the contacts the batch's events look up ({@link
     * DirectoryProjection#contactLookedUp}, {@link DirectoryProjection#accountLookedUp}), read in two queries rather
     * than one per event (docs/decisions.md D54).
     */
    private Optional<BatchedDocuments> batch() {
        String name = collection.get();
        return ViewBatch.part(name, payloads -> new BatchedDocuments(mongo, name)
                .read(lookups(payloads, DirectoryProjection::contactLookedUp), DirectoryContactView.class,
                        DirectoryContactView::id)
                .readByKey("serviceAccountId", lookups(payloads, DirectoryProjection::accountLookedUp),
                        DirectoryContactView.class, DirectoryContactView::id, DirectoryContactView::serviceAccountId));
    }

    private static Set<String> lookups(List<Object> payloads, Function<Object, String> lookedUp) {
        return payloads.stream().map(lookedUp).filter(Objects::nonNull).collect(Collectors.toSet());
    }

    void deleteAll() {
        mongo.remove(new Query(), collection.get());
    }
}
