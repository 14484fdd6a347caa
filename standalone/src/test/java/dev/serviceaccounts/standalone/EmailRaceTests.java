package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Emails are unique within a company directory, case-insensitively, also when many requests race for one
 * email: 16 requests released together, for each of the three commands that put an email into a
 * directory. Each round has exactly one 2xx; the others are 409 {@code EMAIL_TAKEN}; the directory view
 * never lists two contacts with one email.
 */
class EmailRaceTests {

    private static final int CONTENDERS = 16;

    private final Api api = TestSystem.shared().api();
    private final ExecutorService pool = Executors.newFixedThreadPool(CONTENDERS);
    private TestCompany company;

    @BeforeEach
    void setUp() {
        company = api.company("Race Co " + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    @Test
    void createPersonWhenSixteenRequestsRaceForOneEmailThenExactlyOneCreated() throws Exception {
        int rounds = 40;
        for (int round = 0; round < rounds; round++) {
            String email = "race-" + round + "@example.com";
            int n = round;
            assertOneWinner(race(i -> company.createPerson("Racer " + n + "-" + i,
                    i % 2 == 0 ? email : email.toUpperCase(Locale.ROOT))), 201);
        }
        assertDirectoryHasUniqueEmails(rounds);
    }

    @Test
    void changeEmailWhenSixteenContactsRaceForOneAddressThenExactlyOneChanged() throws Exception {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            people.add(company.person("Person " + i, "person-" + i + "-" + UUID.randomUUID() + "@example.com"));
        }
        int rounds = 10;
        for (int round = 0; round < rounds; round++) {
            String email = "target-" + round + "@example.com";
            assertOneWinner(race(i -> company.changeEmail(people.get(i), email)), 200);
        }
        assertDirectoryHasUniqueEmails(CONTENDERS);
    }

    @Test
    void addContactWhenSixteenContactsWithOneEmailRaceIntoOneDirectoryThenExactlyOneAdded() throws Exception {
        List<TestCompany> homes = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            homes.add(api.company(company.operator(), "Home " + i + " " + UUID.randomUUID()));
        }
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            String email = "shared-" + round + "@example.com";
            List<String> contacts = new ArrayList<>();
            for (TestCompany home : homes) {
                contacts.add(home.person("Namesake", email));
            }
            assertOneWinner(race(i -> company.addContact(contacts.get(i))), 200);
        }
        assertDirectoryHasUniqueEmails(rounds);
    }

    /** Sends {@code CONTENDERS} requests, {@code request.apply(i)}, released together by a barrier. */
    private List<HttpResponse<String>> race(IntFunction<HttpResponse<String>> request) throws Exception {
        CyclicBarrier start = new CyclicBarrier(CONTENDERS);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (int i = 0; i < CONTENDERS; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return request.apply(n);
            }));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> future : futures) {
            responses.add(future.get());
        }
        return responses;
    }

    private static void assertOneWinner(List<HttpResponse<String>> responses, int success) {
        assertThat(responses).filteredOn(r -> r.statusCode() == success).as("exactly one winner").hasSize(1);
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() != success) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                assertThat(Api.json(response).get("code").asText()).as(response.body()).isEqualTo("EMAIL_TAKEN");
            }
        }
    }

    private void assertDirectoryHasUniqueEmails(int expectedContacts) {
        JsonNode list = api.awaitQuery(company.operator(), "/api/v1/companies/" + company.id() + "/directory/contacts",
                view -> view.get("items").size() >= expectedContacts, Duration.ofSeconds(20));
        Map<String, String> seen = new HashMap<>();
        for (JsonNode contact : list.get("items")) {
            String email = contact.get("email").asText().toLowerCase(Locale.ROOT);
            assertThat(seen.put(email, contact.get("id").asText()))
                    .as("two contacts with " + email).isNull();
        }
        assertThat(seen).hasSize(expectedContacts);
    }
}
