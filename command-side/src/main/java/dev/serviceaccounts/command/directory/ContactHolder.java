package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.command.AggregateReads;
import org.axonframework.modelling.command.Repository;

/**
 * A kind of aggregate that holds directory contacts, as a Spring bean of the feature that owns it (people
 * here, service accounts in their own package), so that {@link Contacts} reaches every holder without
 * depending on its package.
 */
public interface ContactHolder {

    /** @return the kind of contact it holds (the kind recorded in {@link Contacts}' table) */
    ContactKind kind();

    /** @return the repository of its aggregates */
    Repository<? extends DirectoryContact> repository();

    /** @return reads of its aggregates outside a command (no lock, cached while current) */
    AggregateReads<? extends DirectoryContact> reads();
}
