package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Emails are unique within a company directory, case-insensitively (DESIGN §3 invariant 3): a set-based
 * rule, kept in a command-side lookup table whose {@code _id} is {@code companyId|lower-case email}, so
 * that the unique index settles races. An entry is claimed before the command that needs it and freed
 * after the command that gives it up. A claim left behind by a failed run (its holder does not in fact
 * hold that email in that directory any more) is taken over, so a crash never blocks an email for good.
 */
@Component
public class DirectoryEmails {

    static final String COLLECTION = "directory_emails";

    private final MongoTemplate mongo;

    public DirectoryEmails(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Claims {@code email} in {@code company}'s directory for {@code contact}.
     *
     * @param currentState reads a contact's current state, to tell a live claim from a stale one
     * @return true when newly claimed, false when {@code contact} already held it
     * @throws DomainException EMAIL_TAKEN when another contact of that directory has it
     */
    public boolean claim(CompanyId company, String email, ContactId contact,
                         Function<ContactId, Optional<ContactState>> currentState) {
        String key = key(company, email);
        try {
            mongo.insert(new Claim(key, contact.value()), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            Claim existing = mongo.findById(key, Claim.class, COLLECTION);
            if (existing == null) {
                return claim(company, email, contact, currentState);
            }
            if (existing.contactId().equals(contact.value())) {
                return false;
            }
            boolean live = currentState.apply(new ContactId(existing.contactId()))
                    .map(holder -> holder.holds(company, email)).orElse(false);
            if (!live && takeOver(key, existing.contactId(), contact)) {
                return true;
            }
            throw new DomainException(ErrorCode.EMAIL_TAKEN,
                    "Another contact of this company directory already has this email");
        }
    }

    /** Frees {@code email} in {@code company}'s directory if {@code contact} holds it. */
    public void release(CompanyId company, String email, ContactId contact) {
        mongo.remove(Query.query(Criteria.where("_id").is(key(company, email)).and("contactId").is(contact.value())),
                COLLECTION);
    }

    private boolean takeOver(String key, String staleHolder, ContactId contact) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("contactId").is(staleHolder)),
                Update.update("contactId", contact.value()), COLLECTION).getModifiedCount() == 1;
    }

    private static String key(CompanyId company, String email) {
        return company.value() + "|" + Emails.uniquenessKey(email);
    }

    @Document(COLLECTION)
    record Claim(@Id String key, String contactId) {
    }
}
