package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import dev.serviceaccounts.command.lookup.LookupTables;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.TestCompany;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request that crashed after claiming an email (its claim left in the command side's lookup table, its
 * command never sent) blocks the email only as long as its holder could still apply: at once free when the
 * holder's aggregate has moved past the version the claim names, else free once the claim is older than
 * its command could live. The claims are planted as a crashed request leaves them.
 */
class EmailClaimRecoveryTests {

    private static final String CLAIMS = "directory_emails";

    private final TestSystem system = TestSystem.shared();
    private final Api api = system.api();
    private final MongoClient mongo = MongoClients.create(system.mongoUri());
    private MongoCollection<Document> claims;
    private TestCompany company;

    /** The claims where the command side decides them now: the live generation of its lookup tables (D47). */
    @BeforeEach
    void setUp() {
        String live = system.apps().commandSide().getBean(LookupTables.class).current().writes(CLAIMS).get(0);
        claims = mongo.getDatabase(TestSystem.DATABASE).getCollection(live);
        company = api.company("Recovery Co " + UUID.randomUUID());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void createPersonWhenCrashedCreateLeftAYoungClaimThen409AndWhenOldThenCreated() {
        String email = "crashed-" + UUID.randomUUID() + "@example.com";
        plantClaim(email, UUID.randomUUID().toString(), -1, Instant.now());
        assertEmailTaken(company.createPerson("Late", email));

        claims.updateOne(new Document("_id", company.id() + "|" + email),
                new Document("$set", new Document("claimedAt", Date.from(Instant.now().minus(Duration.ofMinutes(11))))));
        HttpResponse<String> created = company.createPerson("Later", email);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void createPersonWhenCrashedChangeOfAContactThatMovedOnLeftAClaimThenCreatedAtOnce() {
        String ann = company.person("Ann", "ann-" + UUID.randomUUID() + "@example.com");
        String email = "wanted-" + UUID.randomUUID() + "@example.com";
        plantClaim(email, ann, 0, Instant.now());
        assertEmailTaken(company.createPerson("Bob", email));

        TestCompany otherCompany = api.company(company.operator(), "Elsewhere " + UUID.randomUUID());
        HttpResponse<String> added = otherCompany.addContact(ann);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);

        HttpResponse<String> created = company.createPerson("Bob", email);
        assertThat(created.statusCode()).as("Ann's crashed change named version 0 and can never apply now: "
                + created.body()).isEqualTo(201);
    }

    @Test
    void changeEmailWhenOwnCrashedChangeLeftAClaimThen409UntilTheContactMovesOn() {
        String ann = company.person("Ann", "ann-" + UUID.randomUUID() + "@example.com");
        String email = "retry-" + UUID.randomUUID() + "@example.com";
        plantClaim(email, ann, 0, Instant.now());
        HttpResponse<String> retried = company.changeEmail(ann, email);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(409);
        assertThat(Api.json(retried).get("code").asText()).isEqualTo("CONCURRENT_MODIFICATION");

        HttpResponse<String> renamed = company.changeEmail(ann, "ann2-" + UUID.randomUUID() + "@example.com");
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        HttpResponse<String> again = company.changeEmail(ann, email);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    }

    private void plantClaim(String email, String holder, long version, Instant claimedAt) {
        claims.insertOne(new Document("_id", company.id() + "|" + email).append("contactId", holder)
                .append("version", version).append("claimedAt", Date.from(claimedAt)));
    }

    private static void assertEmailTaken(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(Api.json(response).get("code").asText()).isEqualTo("EMAIL_TAKEN");
    }
}
