package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.command.AggregateReads;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.lookup.LookupTables;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.Aggregate;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The one place that finds the aggregate holding a contact: a person's contact id is its aggregate's id, a
 * service account's contact id is not (its stream is the account's, keyed by the account id, and stored
 * streams keep their ids), so each contact's aggregate is written into a command-side table before the
 * command that creates it. The query side never reads it. Rebuildable from the events ({@link DirectoryTablesRebuild},
 * docs/decisions.md D47): while a rebuild runs, an entry is written into both generations ({@link LookupTables}).
 */
@Component
public class Contacts implements ContactCommandHandler.Loader {

    static final String COLLECTION = "contact_registry";

    private final MongoTemplate mongo;
    private final LookupTables tables;
    private final Map<ContactKind, ContactHolder> holders = new EnumMap<>(ContactKind.class);

    public Contacts(MongoTemplate mongo, LookupTables tables, List<ContactHolder> holders) {
        this.mongo = mongo;
        this.tables = tables;
        holders.forEach(holder -> this.holders.put(holder.kind(), holder));
    }

    /**
     * Records that {@code contactId} lives in aggregate {@code aggregateId} of {@code kind}; ids are fresh UUIDs, so
     * the live generation refuses a second entry and a table being rebuilt keeps the one it has.
     */
    public void register(ContactId contactId, ContactKind kind, String aggregateId) {
        List<String> writes = tables.current().writes(COLLECTION);
        mongo.insert(new Entry(contactId.value(), kind, aggregateId), writes.get(0));
        writes.stream().skip(1).forEach(rebuilt -> insertIfAbsent(rebuilt, contactId, kind, aggregateId));
    }

    /** Writes the entry into {@code collection} unless it has one for {@code contactId}. */
    void insertIfAbsent(String collection, ContactId contactId, ContactKind kind, String aggregateId) {
        try {
            mongo.insert(new Entry(contactId.value(), kind, aggregateId), collection);
        } catch (DuplicateKeyException known) {
            // kept: the entry of a fresh id is written once
        }
    }

    /** @return the current state of the contact held by aggregate {@code aggregateId} of {@code kind} */
    Optional<ContactState> stateOf(ContactKind kind, String aggregateId) {
        return read(holders.get(kind).reads(), aggregateId);
    }

    /** @return the contact's current state from the aggregate that holds it; empty when there is no such contact */
    public Optional<ContactState> stateOf(ContactId contactId) {
        return find(contactId).flatMap(entry -> read(holders.get(entry.kind()).reads(), entry.aggregateId()));
    }

    private static <C extends DirectoryContact> Optional<ContactState> read(AggregateReads<C> reads, String id) {
        return reads.read(id, (C contact, Long version) -> contact.contactState(version));
    }

    /**
     * Loads the aggregate that holds the contact, in the current unit of work.
     *
     * @param expectedVersion the version it must be at (null: any)
     * @throws DomainException NOT_FOUND when there is no such contact
     */
    @Override
    public Aggregate<? extends DirectoryContact> load(ContactId contactId, Long expectedVersion) {
        Entry entry = find(contactId).orElseThrow(() -> DomainException.notFound("Contact"));
        return holders.get(entry.kind()).repository().load(entry.aggregateId(), expectedVersion);
    }

    private Optional<Entry> find(ContactId contactId) {
        return Optional.ofNullable(mongo.findById(contactId.value(), Entry.class, tables.current().reads(COLLECTION)));
    }

    /** Where a contact lives. */
    @Document(COLLECTION)
    record Entry(@Id String contactId, ContactKind kind, String aggregateId) {
    }
}
