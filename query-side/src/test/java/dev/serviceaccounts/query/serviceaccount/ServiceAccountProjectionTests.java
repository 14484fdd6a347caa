package dev.serviceaccounts.query.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.api.serviceaccount.TokenCutoff;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service-account view: each event through the handler, then read back from MongoDB (giftcard style). */
class ServiceAccountProjectionTests {

    private static final Instant T1 = TestServiceAccounts.CREATED_AT.plusSeconds(60);
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant T3 = T2.plusSeconds(60);
    private static final String FOREIGN = UUID.randomUUID().toString();

    private InMemoryMongo mongo;
    private ServiceAccountViews views;
    private ServiceAccountProjection projection;
    private final TestServiceAccounts account = TestServiceAccounts.custom().named("sync");

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        views = new ServiceAccountViews(mongo.template());
        projection = new ServiceAccountProjection(views);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenCreatedThenActiveFunctionalAndNotUsableForNoPermissions() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        ServiceAccountView view = view();
        assertThat(view.name()).isEqualTo("sync");
        assertThat(view.clientId()).isEqualTo(account.clientId());
        assertThat(view.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view.contact().email()).isEqualTo(account.generatedEmail());
        assertThat(view.contact().generatedEmail()).isEqualTo(account.generatedEmail());
        assertThat(view.contact().companyIds()).containsExactly(account.companyId());
        assertThat(view.secrets()).containsExactly(
                new SecretView(account.firstSecretId(), TestServiceAccounts.CREATED_AT, null));
        assertThat(view.functional()).isTrue();
        assertThat(view.usable()).isFalse();
        assertThat(view.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
        assertThat(view.createdAt()).isEqualTo(TestServiceAccounts.CREATED_AT);
        assertThat(view.updatedAt()).isEqualTo(TestServiceAccounts.CREATED_AT);
        assertThat(view.version()).isZero();
    }

    @Test
    void whenCreatedTwiceThenFirstViewKept() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);
        ServiceAccountView before = view();

        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        assertThat(view()).isEqualTo(before);
    }

    @Test
    void whenPermissionGrantedThenUsable() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.STANDARD), 1, T1);

        ServiceAccountView view = view();
        assertThat(view.permissions()).containsExactly(Map.entry(CompanyTool.REPORTS, PermissionLevel.STANDARD));
        assertThat(view.usable()).isTrue();
        assertThat(view.reasons()).isEmpty();
        assertThat(view.updatedAt()).isEqualTo(T1);
        assertThat(view.version()).isEqualTo(1);
    }

    @Test
    void whenPermissionRevokedThenNoPermissionsAgain() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.STANDARD), 1, T1);

        projection.on(account.revoked(CompanyTool.REPORTS), 2, T2);

        assertThat(view().permissions()).isEmpty();
        assertThat(view().reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenSecretResetThenTokensValidAfterTheResetRoundedUp() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        assertThat(view().tokensValidAfter()).isNull();

        projection.on(account.reset(secret("secret-2", T1), account.firstSecretId()), 1, T1.plusMillis(500));

        assertThat(view().tokensValidAfter()).isEqualTo(T1.plusSeconds(1));
        assertThat(view().tokensValidFromVersion()).as("the reset's sequence number").isEqualTo(1);
    }

    @Test
    void whenDeactivatedThenReactivatedAndGrantedThenTokensValidAfterTheDeactivation() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.deactivated(), 1, T1);
        assertThat(view().tokensValidAfter()).isEqualTo(T1);

        projection.on(account.reactivated(), 2, T2);
        projection.on(account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN), 3, T3);

        assertThat(view().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view().tokensValidAfter()).isEqualTo(T1);
        assertThat(view().tokensValidFromVersion()).as("the deactivation's, not moved by later events").isEqualTo(1);
    }

    @Test
    void whenDeletedThenTokensValidAfterTheDeletion() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.reset(secret("secret-2", T1), account.firstSecretId()), 1, T1);

        projection.on(account.deleted(), 2, T2);

        assertThat(view().tokensValidAfter()).isEqualTo(T2);
        assertThat(view().tokenCutoff()).isEqualTo(new TokenCutoff(T2, 2));
    }

    @Test
    void whenEditedThenNameAndAppTypeReplaced() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        projection.on(account.edited("renamed", AppType.MARKETPLACE, "app-42"), 1, T1);

        ServiceAccountView view = view();
        assertThat(view.name()).isEqualTo("renamed");
        assertThat(view.appType()).isEqualTo(AppType.MARKETPLACE);
        assertThat(view.marketplaceAppId()).isEqualTo("app-42");
        assertThat(view.updatedAt()).isEqualTo(T1);
    }

    @Test
    void whenSecretResetThenOnlyNewSecretAndEveryPermissionAndProjectWiped() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN), 1, T1);
        projection.on(account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.STANDARD)), 2, T1);

        projection.on(account.reset(secret("secret-2", T2), account.firstSecretId()), 3, T2);

        ServiceAccountView view = view();
        assertThat(view.secrets()).containsExactly(new SecretView("secret-2", T2, null));
        assertThat(view.permissions()).isEmpty();
        assertThat(view.projects()).isEmpty();
        assertThat(view.functional()).isTrue();
        assertThat(view.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenSecretRotatedThenTwoSecretsAndTheOlderExpires() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);

        projection.on(account.rotated(secret("secret-2", T2), account.firstSecretId(), T3), 2, T2);

        ServiceAccountView view = view();
        assertThat(view.secrets()).containsExactly(
                new SecretView(account.firstSecretId(), TestServiceAccounts.CREATED_AT, T3),
                new SecretView("secret-2", T2, null));
        assertThat(view.permissions()).containsKey(CompanyTool.REPORTS);
    }

    @Test
    void whenRotatedAgainThenOnlyThePreviousAndTheNewSecretRemain() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.rotated(secret("secret-2", T1), account.firstSecretId(), T2), 1, T1);

        projection.on(account.rotated(secret("secret-3", T3), "secret-2", T3.plusSeconds(600)), 2, T3);

        assertThat(view().secrets()).extracting(SecretView::secretId).containsExactly("secret-2", "secret-3");
    }

    @Test
    void whenDeactivatedThenNotFunctionalForDeactivated() {
        created(true);

        projection.on(account.deactivated(), 2, T2);

        assertThat(view().status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertNotFunctional(UnusableReason.DEACTIVATED);
    }

    @Test
    void whenReactivatedThenFunctionalAndUsableAgain() {
        created(true);
        projection.on(account.deactivated(), 2, T2);

        projection.on(account.reactivated(), 3, T3);

        assertThat(view().status()).isEqualTo(AccountStatus.ACTIVE);
        assertUsable();
    }

    @Test
    void whenDeletedThenNotFunctionalForDeleted() {
        created(true);

        projection.on(account.deleted(), 2, T2);

        assertThat(view().status()).isEqualTo(AccountStatus.DELETED);
        assertNotFunctional(UnusableReason.DELETED);
    }

    @Test
    void whenProjectMembershipSetThenUsableWithoutCompanyPermission() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        projection.on(account.projectSet("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY)), 1, T1);

        assertThat(view().projects()).containsExactly(
                Map.entry("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY)));
        assertUsable();
    }

    @Test
    void whenProjectMembershipSetAgainThenItsToolLevelsReplaced() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.projectSet("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY)), 1, T1);

        projection.on(account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN,
                ProjectTool.PHOTOS, PermissionLevel.NONE)), 2, T2);

        assertThat(view().projects()).containsExactly(Map.entry("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)));
    }

    @Test
    void whenProjectMembershipOnlyNoneLevelsThenNoPermissions() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);

        projection.on(account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.NONE)), 1, T1);

        assertThat(view().projects()).containsExactly(Map.entry("p-1", Map.of()));
        assertThat(view().reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenProjectMembershipRemovedThenNoPermissions() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.projectSet("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY)), 1, T1);

        projection.on(account.projectRemoved("p-1"), 2, T2);

        assertThat(view().projects()).isEmpty();
        assertThat(view().reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenEmailChangedThenNotFunctionalForEmailChanged() {
        created(true);

        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 2, T2);

        assertThat(view().contact().email()).isEqualTo("changed@example.com");
        assertThat(view().contact().generatedEmail()).isEqualTo(account.generatedEmail());
        assertNotFunctional(UnusableReason.EMAIL_CHANGED);
    }

    @Test
    void whenEmailChangedBackThenFunctionalAgain() {
        created(true);
        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 2, T2);

        projection.on(account.emailChanged("changed@example.com", account.generatedEmail()), 3, T3);

        assertUsable();
    }

    @Test
    void whenEmailChangedOnlyInCaseThenNotFunctional() {
        created(true);

        projection.on(account.emailChanged(account.generatedEmail(), account.generatedEmail().toUpperCase()), 2, T2);

        assertNotFunctional(UnusableReason.EMAIL_CHANGED);
    }

    @Test
    void whenAddedToForeignDirectoryThenNotFunctionalForInForeignDirectory() {
        created(true);

        projection.on(account.addedToDirectory(FOREIGN), 2, T2);

        assertThat(view().contact().companyIds()).containsExactly(account.companyId(), FOREIGN);
        assertNotFunctional(UnusableReason.IN_FOREIGN_DIRECTORY);
    }

    @Test
    void whenRemovedFromForeignDirectoryThenFunctionalAgain() {
        created(true);
        projection.on(account.addedToDirectory(FOREIGN), 2, T2);

        projection.on(account.removedFromDirectory(FOREIGN), 3, T3);

        assertThat(view().contact().companyIds()).containsExactly(account.companyId());
        assertUsable();
    }

    @Test
    void whenEveryBreakAppliesThenEveryReasonListed() {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        projection.on(account.deactivated(), 1, T1);
        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 2, T1);
        projection.on(account.addedToDirectory(FOREIGN), 3, T1);

        assertThat(view().functional()).isFalse();
        assertThat(view().usable()).isFalse();
        assertThat(view().reasons()).containsExactly(UnusableReason.DEACTIVATED, UnusableReason.EMAIL_CHANGED,
                UnusableReason.IN_FOREIGN_DIRECTORY, UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenPersonContactEventsThenNoAccountChanges() {
        created(true);
        ServiceAccountView before = view();
        TestPeople person = TestPeople.person().inCompany(account.companyId());

        projection.on(person.emailChanged("other@example.com"), 5, T2);
        projection.on(person.addedToDirectory(FOREIGN), 6, T2);
        projection.on(person.removedFromDirectory(FOREIGN), 7, T2);

        assertThat(view()).isEqualTo(before);
    }

    @Test
    void whenEveryEventDeliveredTwiceThenSameViewAsOnce() {
        List<Runnable> events = everyEventOnce();
        events.forEach(Runnable::run);
        ServiceAccountView once = view();

        events.forEach(Runnable::run);

        assertThat(view()).isEqualTo(once);
        assertThat(once.version()).isEqualTo(events.size() - 1);
    }

    @Test
    void whenOlderEventRedeliveredAfterNewerThenIgnored() {
        created(true);
        projection.on(account.deactivated(), 2, T2);
        projection.on(account.reactivated(), 3, T3);

        projection.on(account.deactivated(), 2, T2);

        assertThat(view().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view().version()).isEqualTo(3);
    }

    @Test
    void whenProjectionResetThenViewsDeleted() {
        created(true);

        projection.reset();

        assertThat(views.find(account.id())).isEmpty();
    }

    private List<Runnable> everyEventOnce() {
        return List.of(
                () -> projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT),
                () -> projection.on(account.edited("renamed", AppType.CUSTOM, null), 1, T1),
                () -> projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 2, T1),
                () -> projection.on(account.granted(CompanyTool.DOCUMENTS, PermissionLevel.ADMIN), 3, T1),
                () -> projection.on(account.revoked(CompanyTool.DOCUMENTS), 4, T1),
                () -> projection.on(account.projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)), 5, T1),
                () -> projection.on(account.projectSet("p-2", Map.of(ProjectTool.BUDGET, PermissionLevel.ADMIN)), 6, T1),
                () -> projection.on(account.projectRemoved("p-2"), 7, T1),
                () -> projection.on(account.rotated(secret("secret-2", T1), account.firstSecretId(), T2), 8, T1),
                () -> projection.on(account.emailChanged(account.generatedEmail(), "x@example.com"), 9, T2),
                () -> projection.on(account.addedToDirectory(FOREIGN), 10, T2),
                () -> projection.on(account.deactivated(), 11, T2),
                () -> projection.on(account.reactivated(), 12, T2),
                () -> projection.on(account.reset(secret("secret-3", T3), "secret-2"), 13, T3),
                () -> projection.on(account.removedFromDirectory(FOREIGN), 14, T3),
                () -> projection.on(account.deleted(), 15, T3));
    }

    /** Creates the account, with one permission when {@code withPermission} (so it is usable). */
    private void created(boolean withPermission) {
        projection.on(account.created(), 0, TestServiceAccounts.CREATED_AT);
        if (withPermission) {
            projection.on(account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);
        }
    }

    private void assertNotFunctional(UnusableReason reason) {
        assertThat(view().functional()).isFalse();
        assertThat(view().usable()).isFalse();
        assertThat(view().reasons()).containsExactly(reason);
    }

    private void assertUsable() {
        assertThat(view().functional()).isTrue();
        assertThat(view().usable()).isTrue();
        assertThat(view().reasons()).isEmpty();
    }

    private ServiceAccountView view() {
        return views.find(account.id()).orElseThrow();
    }

    private static HashedSecret secret(String secretId, Instant at) {
        return TestServiceAccounts.secret(secretId, "plain-" + secretId, at);
    }
}
