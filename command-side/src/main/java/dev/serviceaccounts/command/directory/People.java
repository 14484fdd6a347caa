package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactKind;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/** People hold their own contact: the person's aggregate id is its contact id. */
@Component
class People implements ContactHolder {

    private final Repository<Person> repository;

    People(Repository<Person> personRepository) {
        this.repository = personRepository;
    }

    @Override
    public ContactKind kind() {
        return ContactKind.PERSON;
    }

    @Override
    public Repository<Person> repository() {
        return repository;
    }
}
