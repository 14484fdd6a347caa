package dev.serviceaccounts.support.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.serviceaccounts.api.company.CompanyCreatedEvent;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** docs/decisions.md D36: the created event's stored shapes, both read as the current record. */
class ServiceAccountCreatedEventUpcasterTests {

    private static final String ACCOUNT = "7418408e-53ae-40c7-9b8d-707f1ca0acc1";
    private static final String EMAIL = "sa-7418408e53ae40c7@service-accounts.invalid";
    private static final String STORED = "{\"serviceAccountId\":{\"value\":\"" + ACCOUNT + "\"},"
            + "\"companyId\":{\"value\":\"2319ad22-ce21-4b9b-8e2b-5d4ad93317f3\"},\"name\":\"legacy-integration\","
            + "\"appType\":\"CUSTOM\",\"clientId\":{\"value\":\"xQ7NeVDG6sJZom7SNR0ILvu9p7lyZop3\"},"
            + "\"secret\":{\"secretId\":{\"value\":\"5FINajEFXQ7Dt5U_\"},\"hash\":\"{sa-sha256}not-a-real-hash\","
            + "\"createdAt\":\"2026-11-30T03:42:05.643336084Z\"},"
            + "\"contactId\":{\"value\":\"1c7de70d-a216-4002-8719-cccefbb3a1e2\"},"
            + "\"%s\":\"" + EMAIL + "\",\"createdAt\":\"2026-11-30T03:42:05.643336084Z\"}";

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder().findAndAddModules().build()).build();

    @Test
    void whenStoredWithoutRevisionThenContactEmailReadAsGeneratedEmail() {
        ServiceAccountCreatedEvent event = read(ServiceAccountCreatedEvent.class.getName(), null,
                STORED.formatted("contactEmail"));

        assertThat(event.generatedEmail()).isEqualTo(EMAIL);
        assertThat(event.serviceAccountId().value()).isEqualTo(ACCOUNT);
        assertThat(event.secret().hash()).isEqualTo("{sa-sha256}not-a-real-hash");
    }

    @Test
    void whenStoredInTheCurrentRevisionThenReadAsStored() {
        ServiceAccountCreatedEvent event = read(ServiceAccountCreatedEvent.class.getName(),
                ServiceAccountCreatedEvent.REVISION, STORED.formatted("generatedEmail"));

        assertThat(event.generatedEmail()).isEqualTo(EMAIL);
    }

    @Test
    void whenAnotherEventThenUntouched() {
        CompanyCreatedEvent event = read(CompanyCreatedEvent.class.getName(), null,
                "{\"companyId\":{\"value\":\"2319ad22-ce21-4b9b-8e2b-5d4ad93317f3\"},\"name\":\"Acme\"}");

        assertThat(event.name()).isEqualTo("Acme");
    }

    @SuppressWarnings("unchecked")
    private <T> T read(String type, String revision, String payload) {
        GenericDomainEventEntry<String> stored = new GenericDomainEventEntry<>("ServiceAccount", ACCOUNT, 0,
                UUID.randomUUID().toString(), Instant.now(), type, revision, payload, "{}");
        DomainEventStream events = EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), serializer,
                new ServiceAccountCreatedEventUpcaster());
        DomainEventMessage<?> event = events.next();
        assertThat(events.hasNext()).isFalse();
        return (T) event.getPayload();
    }
}
