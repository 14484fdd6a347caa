package dev.serviceaccounts.command.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.command.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The set-based rule "emails are unique within a company directory, case-insensitively": the unique
 * index decides races, and a claim is taken over only when its holder provably cannot apply any more.
 */
class DirectoryEmailsTests {

    private static final CompanyId ACME = new CompanyId("0b7e4f5a-1c2d-4e3f-8a9b-1c2d3e4f5a6b");
    private static final CompanyId OTHER = new CompanyId("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static final ContactId ANN = new ContactId("11111111-1111-4111-8111-111111111111");
    private static final ContactId BOB = new ContactId("22222222-2222-4222-8222-222222222222");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://" + hostAndPort(server));
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final MongoTemplate mongo = new MongoTemplate(client, "test");
    private final DirectoryEmails emails = new DirectoryEmails(mongo, clock);
    private final Map<ContactId, ContactState> contacts = new ConcurrentHashMap<>();

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void claimWhenFreeThenClaimedAndWhenSameContactHoldsItThenAlreadyHeld() {
        assertThat(emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state)).isTrue();
        contacts.put(ANN, person(ANN, "ann@example.com", 0, ACME));
        assertThat(emails.claim(ACME, " ANN@example.com ", ANN, 0, this::state)).isFalse();
    }

    @Test
    void claimWhenHeldByLiveContactCaseInsensitivelyThenEmailTaken() {
        emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state);
        contacts.put(ANN, person(ANN, "ann@example.com", 0, ACME));
        clock.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> emails.claim(ACME, "Ann@Example.COM.", BOB, DirectoryEmails.CREATES, this::state))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
    }

    @Test
    void claimWhenOtherDirectoryThenIndependent() {
        emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state);
        assertThat(emails.claim(OTHER, "ann@example.com", BOB, DirectoryEmails.CREATES, this::state)).isTrue();
    }

    @Test
    void claimWhenHolderNotCreatedYetAndClaimNotOlderThanStaleAfterThenEmailTaken() {
        emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state);
        clock.advance(DirectoryEmails.STALE_AFTER);
        assertThatThrownBy(() -> emails.claim(ACME, "ann@example.com", BOB, DirectoryEmails.CREATES, this::state))
                .as("a holder still within its command's reach keeps its claim (the old stale-claim takeover let two in)")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
    }

    @Test
    void claimWhenHolderNeverMovedAndClaimOlderThanStaleAfterThenTakenOver() {
        contacts.put(ANN, person(ANN, "ann@example.com", 3, ACME));
        emails.claim(ACME, "new@example.com", ANN, 3, this::state);
        clock.advance(DirectoryEmails.STALE_AFTER.plusSeconds(1));
        assertThat(emails.claim(ACME, "new@example.com", BOB, DirectoryEmails.CREATES, this::state)).isTrue();
        emails.release(ACME, "new@example.com", ANN, 3);
        assertThatThrownBy(() -> emails.claim(ACME, "new@example.com", ANN, 3, this::state))
                .as("the crashed holder's late release does not free the new holder's claim")
                .isInstanceOf(DomainException.class);
    }

    @Test
    void claimWhenHolderMovedPastClaimedVersionWithoutTheEmailThenTakenOverAtOnce() {
        contacts.put(ANN, person(ANN, "ann@example.com", 3, ACME));
        emails.claim(ACME, "new@example.com", ANN, 3, this::state);
        contacts.put(ANN, person(ANN, "ann@example.com", 4, ACME));
        assertThat(emails.claim(ACME, "new@example.com", BOB, DirectoryEmails.CREATES, this::state))
                .as("Ann's command names version 3 and can never apply at 4").isTrue();
    }

    @Test
    void claimWhenHolderGaveTheEmailUpButItsReleaseWasLostThenTakenOver() {
        emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state);
        contacts.put(ANN, person(ANN, "anne@example.com", 1, ACME));
        assertThat(emails.claim(ACME, "ann@example.com", BOB, DirectoryEmails.CREATES, this::state)).isTrue();
    }

    @Test
    void claimWhenSameContactHasAnotherRequestInFlightThenConcurrentModification() {
        contacts.put(ANN, person(ANN, "ann@example.com", 3, ACME));
        emails.claim(ACME, "new@example.com", ANN, 3, this::state);
        assertThatThrownBy(() -> emails.claim(ACME, "new@example.com", ANN, 3, this::state))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
    }

    @Test
    void claimWhenSixteenContactsRaceThenExactlyOneWins() throws Exception {
        for (int round = 0; round < 20; round++) {
            String email = "race-" + round + "@example.com";
            assertThat(race(16, contact -> emails.claim(ACME, email, contact, DirectoryEmails.CREATES, this::state)))
                    .isEqualTo(1);
        }
    }

    @Test
    void claimWhenSixteenContactsRaceForAStaleClaimThenExactlyOneTakesItOver() throws Exception {
        for (int round = 0; round < 20; round++) {
            String email = "stale-" + round + "@example.com";
            ContactId crashed = new ContactId(UUID.randomUUID().toString());
            emails.claim(ACME, email, crashed, DirectoryEmails.CREATES, this::state);
            clock.advance(DirectoryEmails.STALE_AFTER.plusSeconds(1));
            assertThat(race(16, contact -> emails.claim(ACME, email, contact, DirectoryEmails.CREATES, this::state)))
                    .isEqualTo(1);
        }
    }

    @Test
    void releaseWhenHeldByAnotherContactThenKept() {
        emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state);
        contacts.put(ANN, person(ANN, "ann@example.com", 0, ACME));
        emails.release(ACME, "ann@example.com", BOB, 0);
        assertThatThrownBy(() -> emails.claim(ACME, "ann@example.com", BOB, DirectoryEmails.CREATES, this::state))
                .isInstanceOf(DomainException.class);
        emails.release(ACME, "ann@example.com", ANN, 0);
        assertThat(emails.claim(ACME, "ann@example.com", BOB, DirectoryEmails.CREATES, this::state)).isTrue();
    }

    @Test
    void releaseWhenClaimIsOfALaterVersionThenKept() {
        contacts.put(ANN, person(ANN, "ann@example.com", 5, ACME));
        emails.claim(ACME, "back@example.com", ANN, 5, this::state);
        emails.release(ACME, "back@example.com", ANN, 4);
        assertThatThrownBy(() -> emails.claim(ACME, "back@example.com", BOB, DirectoryEmails.CREATES, this::state))
                .as("an older request's release leaves a newer request's claim alone").isInstanceOf(DomainException.class);
    }

    /** @return how many of {@code contacts} new contacts, released together, claimed successfully */
    private int race(int contenders, Claimer claimer) throws Exception {
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                ContactId contact = new ContactId(UUID.randomUUID().toString());
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        return claimer.claim(contact);
                    } catch (DomainException taken) {
                        assertThat(taken.code()).isEqualTo(ErrorCode.EMAIL_TAKEN);
                        return false;
                    }
                }));
            }
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileRebuildingWhenClaimedThenHeldInBothGenerationsAndReleaseFreesBoth() {
        rebuildInto("_r1");

        assertThat(emails.claim(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES, this::state)).isTrue();

        assertThat(claimant("directory_emails", "ann@example.com")).isEqualTo(ANN.value());
        assertThat(claimant("directory_emails_r1", "ann@example.com")).isEqualTo(ANN.value());
        emails.release(ACME, "ann@example.com", ANN, DirectoryEmails.CREATES);
        assertThat(claimant("directory_emails", "ann@example.com")).isNull();
        assertThat(claimant("directory_emails_r1", "ann@example.com")).isNull();
    }

    @Test
    void whileRebuildingWhenTheRebuiltTableHoldsTheEmailFromTheEventsThenRefusedAndTakenBackFromTheLiveOne() {
        contacts.put(BOB, person(BOB, "bob@example.com", 2, ACME));
        rebuildInto("_r1");
        emails.insertIfAbsent("directory_emails_r1", ACME, "bob@example.com", BOB, 2);

        assertThatThrownBy(() -> emails.claim(ACME, "BOB@example.com", ANN, DirectoryEmails.CREATES, this::state))
                .as("the live table had lost Bob's claim; the events have it")
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.EMAIL_TAKEN));
        assertThat(claimant("directory_emails", "bob@example.com")).as("Ann's claim, taken back").isNull();
    }

    @Test
    void rebuiltClaimWhenItsHolderMovedOnWithoutTheEmailThenTakenOverAsUsual() {
        contacts.put(BOB, person(BOB, "bob@example.com", 2, ACME));
        emails.insertIfAbsent("directory_emails", ACME, "bob@example.com", BOB, 2);
        emails.insertIfAbsent("directory_emails", ACME, "bob@example.com", ANN, 5);
        assertThat(claimant("directory_emails", "bob@example.com")).as("where free only").isEqualTo(BOB.value());
        contacts.put(BOB, person(BOB, "robert@example.com", 3, ACME));

        assertThat(emails.claim(ACME, "bob@example.com", ANN, DirectoryEmails.CREATES, this::state)).isTrue();
    }

    /** Stores a rebuild's generations: every write goes to the live tables and to those with {@code suffix}. */
    private void rebuildInto(String suffix) {
        mongo.save(new org.bson.Document("_id", "lookup-tables").append("live", "").append("building", suffix)
                .append("readFromBuilding", false), "lookup_table_generations");
    }

    private String claimant(String collection, String email) {
        org.bson.Document claim = mongo.findById(ACME.value() + "|" + email, org.bson.Document.class, collection);
        return claim == null ? null : claim.getString("contactId");
    }

    private Optional<ContactState> state(ContactId id) {
        return Optional.ofNullable(contacts.get(id));
    }

    private static ContactState person(ContactId id, String email, long version, CompanyId... directories) {
        return new ContactState(id, directories[0], email, null, Set.of(directories), version);
    }

    private static String hostAndPort(MongoServer server) {
        var address = server.bind();
        return address.getHostString() + ":" + address.getPort();
    }

    @FunctionalInterface
    private interface Claimer {
        boolean claim(ContactId contact);
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
