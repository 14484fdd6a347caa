package dev.serviceaccounts.query.directory;

import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.query.view.BatchedDocuments;
import dev.serviceaccounts.query.view.ViewBatch;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code directory_contacts} collection of {@link DirectoryContactView} documents ({@code _id} =
 * contact id), indexed by directory ({@code companyIds}, multikey) and by {@code serviceAccountId}.
 */
@Component
public class DirectoryContacts {

    static final String COLLECTION = "directory_contacts";

    private final MongoTemplate mongo;

    public DirectoryContacts(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("companyIds", Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("serviceAccountId", Sort.Direction.ASC));
    }

    /** @return the contact with this id, in whichever directories it is */
    public Optional<DirectoryContactView> find(String contactId) {
        Supplier<Optional<DirectoryContactView>> stored =
                () -> Optional.ofNullable(mongo.findById(contactId, DirectoryContactView.class, COLLECTION));
        return batch().map(documents -> documents.find(contactId, DirectoryContactView.class, stored))
                .orElseGet(stored);
    }

    /** @return the contact of this service account */
    public Optional<DirectoryContactView> findByServiceAccount(String serviceAccountId) {
        Supplier<Optional<DirectoryContactView>> stored = () -> Optional.ofNullable(mongo.findOne(
                Query.query(Criteria.where("serviceAccountId").is(serviceAccountId)), DirectoryContactView.class,
                COLLECTION));
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
        return mongo.find(query, DirectoryContactView.class, COLLECTION);
    }

    /** Saves the contact, at the end of the processor's batch when there is one ({@link ViewBatch}). */
    void save(DirectoryContactView contact) {
        batch().ifPresentOrElse(documents -> documents.save(contact.id(), contact.serviceAccountId(), contact),
                () -> mongo.save(contact, COLLECTION));
    }

    private Optional<BatchedDocuments> batch() {
        return ViewBatch.part(COLLECTION, () -> new BatchedDocuments(mongo, COLLECTION));
    }

    void deleteAll() {
        mongo.remove(new Query(), COLLECTION);
    }
}
