package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.lookup.LookupTableRebuild;
import dev.serviceaccounts.command.lookup.LookupTables;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Command-side lookup table of every {@code client_id} ever handed out (docs/design.md §3 invariant 4, a
 * set-based rule). A {@code client_id} is reserved, by an insert that the collection's {@code _id}
 * index makes unique, before the command that uses it is sent; entries are never removed, so an id
 * is never reused, not even after its account is deleted or its create command failed.
 *
 * <p>Rebuildable from the events (docs/decisions.md D47): while a rebuild runs, a reservation is inserted into
 * both generations ({@link LookupTables}) and holds only when both accepted it (else the one just made is taken
 * back and another id drawn); the rebuild adds the id of every created account, and then every live entry
 * (an id once reserved stays taken), each where free.
 */
@Component
public class ClientIdRegistry implements LookupTableRebuild {

    static final String COLLECTION = "client_id_registry";
    static final int REMEMBERED = 10_000;

    private final MongoTemplate mongo;
    private final Map<String, ServiceAccountId> found = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ServiceAccountId> eldest) {
                    return size() > REMEMBERED;
                }
            });
    private final LookupTables tables;

    @Autowired
    public ClientIdRegistry(MongoTemplate mongo, LookupTables tables) {
        this.mongo = mongo;
        this.tables = tables;
    }

    /** The table as the lookup-table generations stored in {@code mongo} name it. */
    public ClientIdRegistry(MongoTemplate mongo) {
        this(mongo, new LookupTables(mongo, Clock.systemUTC()));
    }

    /** @return false when the id was already taken (the caller draws another) */
    public boolean reserve(ClientId clientId, ServiceAccountId serviceAccountId, CompanyId companyId) {
        Entry entry = new Entry(clientId.value(), serviceAccountId.value(), companyId.value());
        List<String> reserved = new ArrayList<>();
        for (String collection : tables.current().writes(COLLECTION)) {
            try {
                mongo.insert(entry, collection);
                reserved.add(collection);
            } catch (DuplicateKeyException e) {
                reserved.forEach(taken -> mongo.remove(Query.query(Criteria.where("_id").is(entry.clientId())
                        .and("serviceAccountId").is(entry.serviceAccountId())), taken));
                return false;
            }
        }
        return true;
    }

    /**
     * @return the account that holds {@code clientId}, if one was ever reserved for it; an entry never changes, so
     *         one found is remembered (the last {@value #REMEMBERED} found), an unknown id is read each time
     */
    public Optional<ServiceAccountId> find(String clientId) {
        ServiceAccountId known = found.get(clientId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ServiceAccountId> holder = Optional.ofNullable(mongo.findById(clientId, Entry.class,
                        tables.current().reads(COLLECTION)))
                .map(entry -> new ServiceAccountId(entry.serviceAccountId()));
        holder.ifPresent(account -> found.put(clientId, account));
        return holder;
    }

    @Override
    public List<String> tables() {
        return List.of(COLLECTION);
    }

    /** A created account's {@code client_id}, where free. */
    @Override
    public void replay(EventMessage<?> event, UnaryOperator<String> into) {
        if (event.getPayload() instanceof ServiceAccountCreatedEvent created) {
            try {
                mongo.insert(new Entry(created.clientId().value(), created.serviceAccountId().value(),
                        created.companyId().value()), into.apply(COLLECTION));
            } catch (DuplicateKeyException taken) {
                // a command's reservation, or the same id again: kept
            }
        }
    }

    @Override
    public void finish(UnaryOperator<String> into) {
    }

    /** Every entry: an id once reserved stays taken, whether or not an event names it. */
    @Override
    public org.bson.Document inFlight(String table, Instant bothSince) {
        return new org.bson.Document();
    }

    @Document(COLLECTION)
    record Entry(@Id String clientId, String serviceAccountId, String companyId) {
    }
}
