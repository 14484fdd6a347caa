package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.directory.ContactKind;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Command-side lookup table: which aggregate holds a contact (a person's own, or its service account).
 * Written before the command that creates the contact; never read by the query side.
 */
@Component
public class ContactRegistry {

    static final String COLLECTION = "contact_registry";

    private final MongoTemplate mongo;

    public ContactRegistry(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records that {@code contactId} lives in aggregate {@code aggregateId}; ids are fresh UUIDs. */
    public void register(ContactId contactId, ContactKind kind, String aggregateId) {
        mongo.insert(new Entry(contactId.value(), kind, aggregateId), COLLECTION);
    }

    /** @return the kind and aggregate of the contact, if it was ever registered */
    public Optional<Entry> find(ContactId contactId) {
        return Optional.ofNullable(mongo.findById(contactId.value(), Entry.class, COLLECTION));
    }

    /** Where a contact lives. */
    @Document(COLLECTION)
    public record Entry(@Id String contactId, ContactKind kind, String aggregateId) {
    }
}
