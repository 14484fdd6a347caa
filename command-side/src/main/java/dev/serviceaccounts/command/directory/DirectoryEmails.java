package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.EmailAddresses;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.command.DomainException;
import dev.serviceaccounts.command.lookup.LookupTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Emails are unique within a company directory, case-insensitively: a set-based
 * rule kept in a command-side lookup table whose {@code _id} is {@code companyId|uniqueness key}, so that
 * the unique {@code _id} index alone decides a race: of concurrent claims exactly one insert succeeds.
 *
 * <p>A claim names its holder (the contact) and the version of the holder's aggregate that the holder's
 * command must apply on ({@link #CREATES}: the command creates the aggregate). It is taken before that
 * command, and released when the command is refused or gives the email up. A claim another contact finds
 * in its way is taken over only when its holder's events show that it does not hold the email, and
 * <ul>
 * <li>the holder's aggregate has moved past the claim's version: the holder's command names that version
 *     ({@code @TargetAggregateVersion}) or creates the aggregate, so it can never apply any more, or has
 *     applied and been undone; no live holder meets this;</li>
 * <li>or else the claim is older than {@link #STALE_AFTER}: its holder crashed before its command ran (a
 *     create, or a change no later event fenced off). Its command carries the claim's deadline
 *     ({@link #COMMAND_DEADLINE} after the claim) and is refused once that has passed, checked when it is
 *     handled and again just before its events are stored ({@code EmailClaimDeadline}); so a live holder
 *     would have to stall between that last check and the store for longer than the difference (over nine
 *     minutes, which also absorbs clock skew between instances).</li>
 * </ul>
 * Everything in the table follows from the events: one claim per (directory, email) that each contact
 * holds, at the contact's aggregate version; so it is rebuilt from them ({@link DirectoryTablesRebuild},
 * docs/decisions.md D47). While a rebuild runs, a claim is made in both generations ({@link LookupTables}), the live
 * one first, and holds only when both accepted it (else the one just made is taken back and the refusal stands); a
 * release frees both.
 */
@Component
public class DirectoryEmails {

    /** Claim version of a command that creates the holder's aggregate (no event yet). */
    public static final long CREATES = -1;
    /** How long after its claim a holder's command may still apply. */
    public static final Duration COMMAND_DEADLINE = Duration.ofSeconds(30);
    /** Age after which a claim whose holder never moved is taken for a crashed request's. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(10);

    static final String COLLECTION = "directory_emails";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final LookupTables tables;

    @Autowired
    public DirectoryEmails(MongoTemplate mongo, Clock clock, LookupTables tables) {
        this.mongo = mongo;
        this.clock = clock;
        this.tables = tables;
    }

    /** The table as the lookup-table generations stored in {@code mongo} name it. */
    public DirectoryEmails(MongoTemplate mongo, Clock clock) {
        this(mongo, clock, new LookupTables(mongo, clock));
    }

    /**
     * Claims {@code email} in {@code company}'s directory for {@code contact}, whose command will apply on
     * {@code version} of its aggregate.
     *
     * @param version      the holder's aggregate version its command names, or {@link #CREATES}
     * @param currentState reads a contact's current state from its events
     * @return true when newly claimed (release it if the command is refused); false when {@code contact}
     *         already holds the email there per its events (nothing to release)
     * @throws DomainException EMAIL_TAKEN when another contact holds or is taking it; CONCURRENT_MODIFICATION
     *                         when another request of the same contact is taking it
     */
    public boolean claim(CompanyId company, String email, ContactId contact, long version,
                         Function<ContactId, Optional<ContactState>> currentState) {
        List<String> writes = tables.current().writes(COLLECTION);
        boolean claimed = claimIn(writes.get(0), company, email, contact, version, currentState);
        for (String rebuilt : writes.subList(1, writes.size())) {
            try {
                claimIn(rebuilt, company, email, contact, version, currentState);
            } catch (DomainException refused) {
                if (claimed) {
                    removeClaim(writes.get(0), company, email, contact, version);
                }
                throw refused;
            }
        }
        return claimed;
    }

    /**
     * Releases {@code contact}'s claim on {@code email} in {@code company}'s directory, if it was taken at
     * {@code version} of its aggregate or before: after its command was refused, or after a command at
     * {@code version} gave the email up. A later claim of the same contact (a newer request) is kept.
     */
    public void release(CompanyId company, String email, ContactId contact, long version) {
        tables.current().writes(COLLECTION).forEach(collection -> removeClaim(collection, company, email, contact, version));
    }

    private void removeClaim(String collection, CompanyId company, String email, ContactId contact, long version) {
        mongo.remove(Query.query(Criteria.where("_id").is(key(company, email)).and("contactId").is(contact.value())
                .orOperator(Criteria.where("version").lte(version), Criteria.where("version").is(null))), collection);
    }

    /**
     * A rebuild's claim (docs/decisions.md D47): {@code contact} holds {@code email} in {@code company}'s directory
     * at {@code version} of its aggregate, per its events; written into {@code collection} unless the key is taken
     * there (by a command meanwhile, whose claim both generations accepted). Should the contact give the email up
     * later, its aggregate moves past {@code version} and the claim may be taken over as usual.
     */
    void insertIfAbsent(String collection, CompanyId company, String email, ContactId contact, long version) {
        try {
            mongo.insert(new Claim(key(company, email), contact.value(), version, clock.instant()), collection);
        } catch (DuplicateKeyException taken) {
            // kept: a command's claim, or this contact's own
        }
    }

    /** @return the instant after which a command sent on the strength of a claim made now must not apply */
    public Instant deadlineOfClaimMadeNow() {
        return clock.instant().plus(COMMAND_DEADLINE);
    }

    private boolean claimIn(String collection, CompanyId company, String email, ContactId contact, long version,
                            Function<ContactId, Optional<ContactState>> currentState) {
        String key = key(company, email);
        try {
            mongo.insert(new Claim(key, contact.value(), version, clock.instant()), collection);
            return true;
        } catch (DuplicateKeyException e) {
            Claim existing = mongo.findById(key, Claim.class, collection);
            if (existing == null) {
                return claimIn(collection, company, email, contact, version, currentState);
            }
            Optional<ContactState> holder = currentState.apply(new ContactId(existing.contactId()));
            boolean mine = existing.contactId().equals(contact.value());
            if (holder.map(state -> state.holds(company, email)).orElse(false)) {
                if (mine) {
                    return false;
                }
                throw taken();
            }
            long holderVersion = holder.map(ContactState::version).orElse(CREATES);
            if ((holderVersion > existing.versionOrCreates() || isStale(existing)) && takeOver(collection, existing, contact, version)) {
                return true;
            }
            throw mine ? new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "Another request is changing this contact's email or directories; retry") : taken();
        }
    }

    private boolean isStale(Claim claim) {
        return claim.claimedAt() == null || claim.claimedAt().plus(STALE_AFTER).isBefore(clock.instant());
    }

    private boolean takeOver(String collection, Claim stale, ContactId contact, long version) {
        Criteria sameClaim = Criteria.where("_id").is(stale.key()).and("contactId").is(stale.contactId())
                .and("version").is(stale.version());
        return mongo.updateFirst(Query.query(sameClaim), Update.update("contactId", contact.value())
                .set("version", version).set("claimedAt", clock.instant()), collection).getModifiedCount() == 1;
    }

    private static DomainException taken() {
        return new DomainException(ErrorCode.EMAIL_TAKEN, "Another contact of this company directory already has this email");
    }

    private static String key(CompanyId company, String email) {
        return company.value() + "|" + EmailAddresses.uniquenessKey(email);
    }

    /**
     * One claim.
     *
     * @param version   the holder's aggregate version its command applies on ({@link #CREATES}); null in
     *                  claims written before versions were recorded
     * @param claimedAt when it was claimed; null in claims written before times were recorded
     */
    @Document(COLLECTION)
    record Claim(@Id String key, String contactId, Long version, Instant claimedAt) {

        long versionOrCreates() {
            return version == null ? CREATES : version;
        }
    }
}
