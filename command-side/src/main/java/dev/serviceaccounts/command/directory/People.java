package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.command.AggregateReads;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** People hold their own contact: the person's aggregate id is its contact id. */
@Component
class People implements ContactHolder {

    private final Repository<Person> repository;
    private final AggregateReads<Person> reads;

    People(Repository<Person> personRepository, ObjectProvider<Configuration> axon) {
        this.repository = personRepository;
        this.reads = new AggregateReads<>(Person.class, axon::getObject);
    }

    @Override
    public ContactKind kind() {
        return ContactKind.PERSON;
    }

    @Override
    public Repository<Person> repository() {
        return repository;
    }

    @Override
    public AggregateReads<Person> reads() {
        return reads;
    }
}
