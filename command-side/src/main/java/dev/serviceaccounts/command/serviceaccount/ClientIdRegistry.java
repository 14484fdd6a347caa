package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * Command-side lookup table of every {@code client_id} ever handed out (docs/design.md §3 invariant 4, a
 * set-based rule). A {@code client_id} is reserved, by an insert that the collection's {@code _id}
 * index makes unique, before the command that uses it is sent; entries are never removed, so an id
 * is never reused, not even after its account is deleted or its create command failed.
 */
@Component
public class ClientIdRegistry {

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

    public ClientIdRegistry(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return false when the id was already taken (the caller draws another) */
    public boolean reserve(ClientId clientId, ServiceAccountId serviceAccountId, CompanyId companyId) {
        try {
            mongo.insert(new Entry(clientId.value(), serviceAccountId.value(), companyId.value()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
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
        Optional<ServiceAccountId> holder = Optional.ofNullable(mongo.findById(clientId, Entry.class, COLLECTION))
                .map(entry -> new ServiceAccountId(entry.serviceAccountId()));
        holder.ifPresent(account -> found.put(clientId, account));
        return holder;
    }

    @Document(COLLECTION)
    record Entry(@Id String clientId, String serviceAccountId, String companyId) {
    }
}
