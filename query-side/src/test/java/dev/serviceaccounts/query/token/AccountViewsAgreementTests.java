package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The service-account view and the token-eligibility view (the instance's memory and the shared collection)
 * are built from the same fold, so after every event of a random-ish sequence, delivered through Axon to all
 * three projections, they agree on everything they both show.
 */
class AccountViewsAgreementTests {

    private static final int ACCOUNTS = 6;
    private static final int EVENTS_PER_ACCOUNT = 40;

    private final InMemoryMongo mongo = new InMemoryMongo();
    private final ServiceAccountViews views = new ServiceAccountViews(mongo.template());
    private final TokenEligibilityView instanceView = new TokenEligibilityView();
    private final TokenEligibilityCollection collection = new TokenEligibilityCollection(mongo.template());
    private final EventFeed feed = new EventFeed(new ServiceAccountProjection(views),
            new InstanceTokenEligibilityProjection(instanceView), new StoredTokenEligibilityProjection(collection));

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenTheSameRandomEventsDeliveredThenBothViewsAgreeAfterEveryEvent() {
        for (long seed = 1; seed <= ACCOUNTS; seed++) {
            Random random = new Random(seed);
            TestServiceAccounts account = TestServiceAccounts.custom().named("account-" + seed);
            TestPeople person = TestPeople.person().inCompany(account.companyId());
            String foreign = UUID.randomUUID().toString();
            feed.publish(account, account.created());
            assertAgree(account);
            String currentSecret = account.firstSecretId();
            for (int n = 1; n <= EVENTS_PER_ACCOUNT; n++) {
                String newSecretId = "secret-" + seed + "-" + n;
                HashedSecret newSecret = TestServiceAccounts.secret(newSecretId, newSecretId, TestServiceAccounts.CREATED_AT);
                int choice = random.nextInt(15);
                Object event = switch (choice) {
                    case 0 -> account.edited("renamed-" + n, AppType.CUSTOM, null);
                    case 1, 2 -> account.granted(pick(random, CompanyTool.values()), level(random));
                    case 3 -> account.revoked(pick(random, CompanyTool.values()));
                    case 4, 5 -> account.projectSet("p-" + random.nextInt(3), projectLevels(random));
                    case 6 -> account.projectRemoved("p-" + random.nextInt(3));
                    case 7 -> account.rotated(newSecret, currentSecret,
                            TestServiceAccounts.CREATED_AT.plusSeconds(random.nextInt(7200)));
                    case 8 -> account.reset(newSecret, currentSecret);
                    case 9 -> account.deactivated();
                    case 10 -> account.reactivated();
                    case 11 -> account.emailChanged(account.generatedEmail(),
                            random.nextBoolean() ? account.generatedEmail() : "changed@example.com");
                    case 12 -> random.nextBoolean() ? account.addedToDirectory(foreign)
                            : account.removedFromDirectory(foreign);
                    case 13 -> random.nextBoolean() ? person.emailChanged("p" + n + "@example.com")
                            : person.addedToDirectory(foreign);
                    default -> n > EVENTS_PER_ACCOUNT - 3 ? account.deleted() : account.reactivated();
                };
                if (event instanceof ClientSecretRotatedEvent || event instanceof ClientSecretResetEvent) {
                    currentSecret = newSecretId;
                }
                String aggregate = choice == 13 ? person.contactId() : account.id();
                feed.publish(aggregate, event);
                assertAgree(account);
            }
        }
    }

    private void assertAgree(TestServiceAccounts account) {
        ServiceAccountView shown = views.find(account.id()).orElseThrow();
        EligibleClient held = instanceView.findByServiceAccount(account.id()).orElseThrow();
        EligibleClient stored = collection.findByServiceAccount(account.id()).orElseThrow();

        assertThat(stored).as("the shared collection holds what the instance holds").isEqualTo(held);
        assertThat(held.clientId()).isEqualTo(shown.clientId());
        assertThat(held.functional()).isEqualTo(shown.functional());
        assertThat(held.account().usable()).isEqualTo(shown.usable());
        assertThat(held.account().reasons()).isEqualTo(shown.reasons());
        assertThat(held.account().status()).isEqualTo(shown.status());
        assertThat(held.account().permissions().levels()).isEqualTo(shown.permissions());
        assertThat(held.account().projects()).isEqualTo(shown.projects());
        assertThat(held.tokenCutoff()).isEqualTo(shown.tokenCutoff());
        assertThat(held.version()).isEqualTo(shown.version());
        assertThat(held.secrets()).extracting(secret -> new SecretView(secret.secretId().value(), secret.createdAt(),
                secret.expiresAt())).isEqualTo(shown.secrets());
        assertThat(held.account().view()).as("the whole view derives from the token entry").isEqualTo(shown);
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static PermissionLevel level(Random random) {
        return pick(random, new PermissionLevel[] {PermissionLevel.READ_ONLY, PermissionLevel.STANDARD, PermissionLevel.ADMIN});
    }

    private static Map<ProjectTool, PermissionLevel> projectLevels(Random random) {
        Map<ProjectTool, PermissionLevel> levels = new EnumMap<>(ProjectTool.class);
        for (int i = random.nextInt(3); i > 0; i--) {
            levels.put(pick(random, ProjectTool.values()), pick(random, PermissionLevel.values()));
        }
        return levels;
    }
}
