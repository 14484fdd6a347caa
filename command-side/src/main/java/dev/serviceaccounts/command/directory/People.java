package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.command.AggregateReads;
import java.util.Optional;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Service;

/** Reads person contacts from their aggregates. */
@Service
public class People {

    private final Repository<Person> repository;

    public People(Repository<Person> personRepository) {
        this.repository = personRepository;
    }

    /** @return the person's email and directories, or empty when no such person exists */
    public Optional<ContactState> stateOf(ContactId contactId) {
        return AggregateReads.read(repository, contactId.value(), (Person person, Long version) -> person.state(version));
    }
}
