package dev.serviceaccounts.query.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestProperties;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.support.secret.ClientSecretEncoder;
import dev.serviceaccounts.support.secret.SecretGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;

/**
 * The token-eligibility view follows every state change: events through the handlers, then the token
 * endpoint's own authenticator decides (docs/design.md §6). The same fold keeps the shared collection and each
 * instance's memory, and an instance starts from the collection.
 */
class TokenEligibilityProjectionTests {

    private static final Instant T1 = TestServiceAccounts.CREATED_AT.plusSeconds(60);
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant GRACE_END = T2.plusSeconds(3600);
    private static final String FOREIGN = UUID.randomUUID().toString();
    private static final String NEW_SECRET = "the-new-secret";
    private static final Instant HALF_SECOND = T1.plusMillis(500);
    private static final Instant NEXT_SECOND = T1.plusSeconds(1);

    private InMemoryMongo mongo;
    private TokenEligibilityView view;
    private TokenEligibilityProjection projection;
    private ClientAuthenticator authenticator;
    private final TestServiceAccounts account = TestServiceAccounts.custom();

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        view = new TokenEligibilityView();
        projection = new TokenEligibilityProjection(view);
        ClientSecretEncoder encoder = new ClientSecretEncoder();
        authenticator = new ClientAuthenticator(view, new OperatorCredentials(TestProperties.common(), TestProperties.properties(),
                mongo.template(), new SecretGenerator(), encoder), encoder, Clock.systemUTC());
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenCreatedThenItsSecretAccepted() {
        assertAccepted(account.firstSecret(), T1);
        assertRefused("x" + account.firstSecret(), T1, "wrong_secret");
    }

    @Test
    void whenAStoredEventCarriesTheLegacySha256HashThenItsSecretIsStillAccepted() {
        String digest = new ClientSecretEncoder().encode(NEW_SECRET).substring("{sa-sha256}".length());
        HashedSecret legacy = new HashedSecret(new SecretId("secret-2"), "{sha256}" + digest, T1, null);

        projection.on(account.reset(legacy, account.firstSecretId()), 1, T1);

        assertAccepted(NEW_SECRET, T2);
        assertRefused("x" + NEW_SECRET, T2, "wrong_secret");
    }

    @Test
    void whenSecretResetThenOldSecretRefusedAtOnceAndNewAccepted() {
        projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);

        projection.on(account.reset(newSecret(), account.firstSecretId()), 2, T1);

        assertRefused(account.firstSecret(), T2, "wrong_secret");
        assertAccepted(NEW_SECRET, T2);
        assertThat(client().secrets()).extracting(HashedSecret::secretId).extracting(Object::toString)
                .containsExactly("secret-2");
        assertThat(client().account().permissions()).isEqualTo(CompanyPermissions.NONE);
    }

    @Test
    void whenSecretRotatedThenBothAcceptedUntilGraceEnds() {
        projection.on(account.rotated(newSecret(), account.firstSecretId(), GRACE_END), 1, T1);

        assertAccepted(account.firstSecret(), GRACE_END.minusMillis(1));
        assertAccepted(NEW_SECRET, GRACE_END.minusMillis(1));
        assertThat(client().secrets()).extracting(HashedSecret::expiresAt).containsExactly(GRACE_END, null);
    }

    @Test
    void whenGracePeriodEndedThenOnlyNewSecretAccepted() {
        projection.on(account.rotated(newSecret(), account.firstSecretId(), GRACE_END), 1, T1);

        assertRefused(account.firstSecret(), GRACE_END, "wrong_secret");
        assertAccepted(NEW_SECRET, GRACE_END);
    }

    @Test
    void whenRotatedAgainThenOldestSecretGone() {
        projection.on(account.rotated(newSecret(), account.firstSecretId(), T2), 1, T1);

        projection.on(account.rotated(TestServiceAccounts.secret("secret-3", "third", T2), "secret-2", GRACE_END), 2, T1);

        assertThat(client().secrets()).hasSize(2);
        assertRefused(account.firstSecret(), T1, "wrong_secret");
        assertAccepted(NEW_SECRET, T2);
        assertAccepted("third", T2);
    }

    @Test
    void whenDeactivatedThenRefused() {
        projection.on(account.deactivated(), 1, T1);

        assertRefused(account.firstSecret(), T1, "not_functional_deactivated");
    }

    @Test
    void whenReactivatedThenAcceptedAgain() {
        projection.on(account.deactivated(), 1, T1);

        projection.on(account.reactivated(), 2, T1);

        assertAccepted(account.firstSecret(), T2);
    }

    @Test
    void whenDeletedThenRefused() {
        projection.on(account.deleted(), 1, T1);

        assertRefused(account.firstSecret(), T1, "not_functional_deleted");
        assertThat(client().account().status()).isEqualTo(AccountStatus.DELETED);
    }

    @Test
    void whenNeverResetDeactivatedOrDeletedThenNoTokenCutoff() {
        assertThat(client().tokenCutoff()).isNull();
        assertThat(authenticated(account.firstSecret(), T1).tokenCutoff()).isNull();
    }

    @Test
    void whenSecretResetThenTokenCutoffIsTheResetRoundedUpAndHandedToTheIssuer() {
        projection.on(account.reset(newSecret(), account.firstSecretId()), 1, HALF_SECOND);

        assertThat(client().tokenCutoff()).isEqualTo(new TokenCutoff(NEXT_SECOND, 1));
        ClientAuthenticator.AuthenticatedClient authenticated = authenticated(NEW_SECRET, HALF_SECOND);
        assertThat(authenticated.tokenCutoff()).isEqualTo(new TokenCutoff(NEXT_SECOND, 1));
        assertThat(authenticated.accountVersion()).as("the entry's version, for the account_version claim").isEqualTo(1);
    }

    @Test
    void whenDeactivatedThenTokenCutoffMovedAndReactivationKeepsIt() {
        projection.on(account.deactivated(), 1, HALF_SECOND);
        assertThat(client().tokenCutoff()).isEqualTo(new TokenCutoff(NEXT_SECOND, 1));

        projection.on(account.reactivated(), 2, T1);
        projection.on(account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN), 3, T1);

        assertThat(client().tokenCutoff()).isEqualTo(new TokenCutoff(NEXT_SECOND, 1));
        assertThat(client().version()).isEqualTo(3);
    }

    @Test
    void whenDeletedThenTokenCutoffMoved() {
        projection.on(account.deleted(), 1, HALF_SECOND);

        assertThat(client().tokenCutoff()).isEqualTo(new TokenCutoff(NEXT_SECOND, 1));
    }

    @Test
    void whenResetRedeliveredThenTokenCutoffNotMovedBack() {
        projection.on(account.reset(newSecret(), account.firstSecretId()), 1, T2);
        projection.on(account.reset(newSecret(), account.firstSecretId()), 1, HALF_SECOND);

        assertThat(client().tokenCutoff()).isEqualTo(new TokenCutoff(T2, 1));
    }

    @Test
    void whenEmailChangedThenRefused() {
        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 1, T1);

        assertRefused(account.firstSecret(), T1, "not_functional_email_changed");
    }

    @Test
    void whenEmailChangedBackThenAcceptedAgain() {
        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 1, T1);

        projection.on(account.emailChanged("changed@example.com", account.generatedEmail()), 2, T1);

        assertAccepted(account.firstSecret(), T2);
    }

    @Test
    void whenAddedToForeignDirectoryThenRefused() {
        projection.on(account.addedToDirectory(FOREIGN), 1, T1);

        assertRefused(account.firstSecret(), T1, "not_functional_in_foreign_directory");
    }

    @Test
    void whenRemovedFromForeignDirectoryThenAcceptedAgain() {
        projection.on(account.addedToDirectory(FOREIGN), 1, T1);

        projection.on(account.removedFromDirectory(FOREIGN), 2, T1);

        assertAccepted(account.firstSecret(), T2);
    }

    @Test
    void whenPermissionGrantedAndRevokedThenPermissionsFollow() {
        projection.on(account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN), 1, T1);
        assertThat(client().account().permissions().levelOn(CompanyTool.ADMIN)).isEqualTo(PermissionLevel.ADMIN);

        projection.on(account.revoked(CompanyTool.ADMIN), 2, T1);

        assertThat(client().account().permissions()).isEqualTo(CompanyPermissions.NONE);
    }

    @Test
    void whenOlderEventRedeliveredAfterNewerThenIgnored() {
        projection.on(account.deactivated(), 1, T1);
        projection.on(account.reactivated(), 2, T1);

        projection.on(account.deactivated(), 1, T1);
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        assertAccepted(account.firstSecret(), T2);
        assertThat(client().version()).isEqualTo(2);
    }

    @Test
    void whenResetDeliveredTwiceThenSameEntry() {
        projection.on(account.reset(newSecret(), account.firstSecretId()), 1, T1);
        EligibleClient once = client();

        projection.on(account.reset(newSecret(), account.firstSecretId()), 1, T1);

        assertThat(client()).isEqualTo(once);
    }

    @Test
    void whenReloadedFromMongoThenSameDecisions() {
        TokenEligibilityCollection collection = new TokenEligibilityCollection(mongo.template());
        TokenEligibilityProjection stored = new TokenEligibilityProjection(collection);
        stored.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        for (TokenEligibilityProjection fold : java.util.List.of(projection, stored)) {
            fold.on(account.rotated(newSecret(), account.firstSecretId(), GRACE_END), 1, T1);
            fold.on(account.addedToDirectory(FOREIGN), 2, T1);
        }

        TokenEligibilityView reloaded = new TokenEligibilityView();
        reloaded.load(collection.findAll());

        assertThat(reloaded.find(account.clientId())).contains(client());
        assertThat(reloaded.find(account.clientId()).orElseThrow().functional()).isFalse();
        assertThat(collection.findByServiceAccount(account.id())).contains(client());
    }

    @Test
    void whenStoredEntryOlderThanHeldThenLoadKeepsTheNewer() {
        EligibleClient created = client();
        projection.on(account.deactivated(), 1, T1);

        view.load(java.util.List.of(created));

        assertThat(client().version()).isEqualTo(1);
        assertRefused(account.firstSecret(), T1, "not_functional_deactivated");
    }

    @Test
    void whenDeliveredThroughAxonToEitherProcessorThenTheSameEntryAndOtherEventsIgnored() {
        TokenEligibilityView instanceView = new TokenEligibilityView();
        TokenEligibilityCollection collection = new TokenEligibilityCollection(mongo.template());
        EventFeed feed = new EventFeed(new InstanceTokenEligibilityProjection(instanceView),
                new StoredTokenEligibilityProjection(collection));

        feed.publish(account, account.created(), account.edited("renamed", AppType.CUSTOM, null),
                account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), account.deactivated());

        EligibleClient held = instanceView.find(account.clientId()).orElseThrow();
        assertThat(held.account().status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertThat(held.account().permissions().levelOn(CompanyTool.REPORTS)).isEqualTo(PermissionLevel.READ_ONLY);
        assertThat(held.version()).isEqualTo(3);
        assertThat(collection.findByServiceAccount(account.id())).contains(held);
    }

    @Test
    void whenEntryStoredInTheEarlierShapeThenNeverReadAndTheReplayOverwritesIt() {
        TokenEligibilityCollection collection = new TokenEligibilityCollection(mongo.template());
        mongo.template().getCollection(TokenEligibilityCollection.COLLECTION).insertOne(new org.bson.Document("_id",
                account.clientId()).append("serviceAccountId", account.id()).append("companyId", account.companyId())
                .append("status", "ACTIVE").append("version", 9L));

        assertThat(collection.findAll()).isEmpty();
        assertThat(collection.findByServiceAccount(account.id())).isEmpty();

        new TokenEligibilityProjection(collection).on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        assertThat(collection.findAll()).containsExactly(client());
    }

    @Test
    void whenProjectionResetThenViewEmpty() {
        projection.reset();

        assertThat(view.size()).isZero();
        assertRefused(account.firstSecret(), T1, "unknown_client");
    }

    private HashedSecret newSecret() {
        return TestServiceAccounts.secret("secret-2", NEW_SECRET, T1);
    }

    private EligibleClient client() {
        return view.find(account.clientId()).orElseThrow();
    }

    private void assertAccepted(String secret, Instant now) {
        ClientAuthenticator.AuthenticatedClient client = authenticated(secret, now);
        assertThat(client.clientId()).isEqualTo(account.clientId());
        assertThat(client.companyId()).isEqualTo(account.companyId());
    }

    private void assertRefused(String secret, Instant now, String reason) {
        assertThatThrownBy(() -> authenticator.authenticate(new ClientRequest(account.clientId(), secret, Map.of()), now))
                .isInstanceOfSatisfying(ClientAuthenticator.Failure.class, failure -> {
                    assertThat(failure.reason()).isEqualTo(reason);
                    assertThat(failure.getError().getErrorCode()).isEqualTo("invalid_client");
                });
    }

    private ClientAuthenticator.AuthenticatedClient authenticated(String secret, Instant now) {
        Authentication authentication = authenticator.authenticate(new ClientRequest(account.clientId(), secret, Map.of()), now);
        assertThat(authentication.isAuthenticated()).isTrue();
        return ClientAuthenticator.AuthenticatedClient.of(authentication);
    }
}
