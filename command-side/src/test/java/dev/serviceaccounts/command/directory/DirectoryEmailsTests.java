package dev.serviceaccounts.command.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.serviceaccounts.api.company.CompanyId;
import dev.serviceaccounts.api.directory.ContactId;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The set-based rule "emails are unique within a company directory" (DESIGN §3 invariant 3). */
class DirectoryEmailsTests {

    private static final CompanyId ACME = new CompanyId("0b7e4f5a-1c2d-4e3f-8a9b-1c2d3e4f5a6b");
    private static final CompanyId OTHER = new CompanyId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final ContactId ANN = new ContactId("11111111-1111-4111-8111-111111111111");
    private static final ContactId BOB = new ContactId("22222222-2222-4222-8222-222222222222");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server));
    private final DirectoryEmails emails = new DirectoryEmails(new MongoTemplate(client, "test"));
    private final Map<ContactId, ContactState> contacts = new HashMap<>();

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void claimWhenFreeThenClaimedAndWhenSameContactAgainThenAlreadyHeld() {
        assertThat(emails.claim(ACME, "ann@example.com", ANN, this::state)).isTrue();
        assertThat(emails.claim(ACME, " ANN@example.com ", ANN, this::state)).isFalse();
    }

    @Test
    void claimWhenHeldByLiveContactCaseInsensitivelyThenEmailTaken() {
        contacts.put(ANN, new ContactState(ANN, ContactKind.PERSON, ANN.value(), ACME, "ann@example.com", Set.of(ACME)));
        emails.claim(ACME, "ann@example.com", ANN, this::state);
        assertThatThrownBy(() -> emails.claim(ACME, "Ann@Example.COM", BOB, this::state))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
    }

    @Test
    void claimWhenOtherDirectoryThenIndependent() {
        emails.claim(ACME, "ann@example.com", ANN, this::state);
        assertThat(emails.claim(OTHER, "ann@example.com", BOB, this::state)).isTrue();
    }

    @Test
    void claimWhenHolderNoLongerHoldsItThenStaleClaimTakenOver() {
        emails.claim(ACME, "ann@example.com", ANN, this::state);
        contacts.put(ANN, new ContactState(ANN, ContactKind.PERSON, ANN.value(), ACME, "anne@example.com", Set.of(ACME)));
        assertThat(emails.claim(ACME, "ann@example.com", BOB, this::state)).isTrue();
    }

    @Test
    void releaseWhenHeldByAnotherContactThenKept() {
        contacts.put(ANN, new ContactState(ANN, ContactKind.PERSON, ANN.value(), ACME, "ann@example.com", Set.of(ACME)));
        emails.claim(ACME, "ann@example.com", ANN, this::state);
        emails.release(ACME, "ann@example.com", BOB);
        assertThatThrownBy(() -> emails.claim(ACME, "ann@example.com", BOB, this::state)).isInstanceOf(DomainException.class);
        emails.release(ACME, "ann@example.com", ANN);
        assertThat(emails.claim(ACME, "ann@example.com", BOB, this::state)).isTrue();
    }

    private Optional<ContactState> state(ContactId id) {
        return Optional.ofNullable(contacts.get(id));
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }
}
