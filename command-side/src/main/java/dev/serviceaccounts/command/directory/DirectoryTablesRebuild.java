package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.lookup.LookupTableRebuild;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * The directory's lookup tables rebuilt from the events (docs/decisions.md D47): {@link Contacts}' entry of every
 * contact a created event names (a person's aggregate is its contact id, a service account's contact lives in the
 * account's aggregate), then, from each contact's current state read from its aggregate, the claim of its email in
 * each directory it is in ({@link DirectoryEmails}), at that state's version. Live entries copied afterwards: every
 * contact entry (a registered contact whose create has not landed yet), and the email claims made within
 * {@link DirectoryEmails#COMMAND_DEADLINE} (and a minute's margin) before every instance wrote to both generations,
 * whose commands may still apply.
 */
@Component
class DirectoryTablesRebuild implements LookupTableRebuild {

    private static final Duration CLAIM_MARGIN = Duration.ofMinutes(1);

    private final Contacts contacts;
    private final DirectoryEmails emails;
    private final Map<ContactId, Holder> seen = new LinkedHashMap<>();

    DirectoryTablesRebuild(Contacts contacts, DirectoryEmails emails) {
        this.contacts = contacts;
        this.emails = emails;
    }

    @Override
    public List<String> tables() {
        return List.of(Contacts.COLLECTION, DirectoryEmails.COLLECTION);
    }

    @Override
    public synchronized void replay(EventMessage<?> event, UnaryOperator<String> into) {
        Holder holder = null;
        if (event.getPayload() instanceof PersonCreatedEvent created) {
            holder = new Holder(created.contactId(), ContactKind.PERSON, created.contactId().value());
        } else if (event.getPayload() instanceof ServiceAccountCreatedEvent created) {
            holder = new Holder(created.contactId(), ContactKind.SERVICE_ACCOUNT, created.serviceAccountId().value());
        }
        if (holder != null) {
            contacts.insertIfAbsent(into.apply(Contacts.COLLECTION), holder.contactId(), holder.kind(),
                    holder.aggregateId());
            seen.put(holder.contactId(), holder);
        }
    }

    /** Each contact's email, claimed in every directory its aggregate has it in now. */
    @Override
    public synchronized void finish(UnaryOperator<String> into) {
        String claims = into.apply(DirectoryEmails.COLLECTION);
        seen.values().forEach(holder -> contacts.stateOf(holder.kind(), holder.aggregateId()).ifPresent(state ->
                state.directories().forEach(directory ->
                        emails.insertIfAbsent(claims, directory, state.email(), holder.contactId(), state.version()))));
        seen.clear();
    }

    @Override
    public Document inFlight(String table, Instant bothSince) {
        if (table.equals(DirectoryEmails.COLLECTION)) {
            return new Document("claimedAt", new Document("$gte",
                    Date.from(bothSince.minus(DirectoryEmails.COMMAND_DEADLINE).minus(CLAIM_MARGIN))));
        }
        return new Document();
    }

    private record Holder(ContactId contactId, ContactKind kind, String aggregateId) {
    }
}
