package dev.serviceaccounts.api.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.ContactAddedToDirectoryEvent;
import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactRemovedFromDirectoryEvent;
import dev.serviceaccounts.api.directory.DirectoryEmailChangedEvent;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissionGrantedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissionRevokedEvent;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectMembershipRemovedEvent;
import dev.serviceaccounts.api.permission.ProjectMembershipSetEvent;
import dev.serviceaccounts.api.permission.ProjectTool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The one fold of a service account's events, on its own: every event, redelivery, and the derived rules. */
class AccountStateTests {

    private static final Instant CREATED_AT = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = CREATED_AT.plusSeconds(60);
    private static final Instant T2 = T1.plusSeconds(60);
    private static final Instant HALF_SECOND = T1.plusMillis(500);
    private static final ServiceAccountId ID = new ServiceAccountId(UUID.randomUUID().toString());
    private static final CompanyId HOME = new CompanyId(UUID.randomUUID().toString());
    private static final CompanyId FOREIGN = new CompanyId(UUID.randomUUID().toString());
    private static final ContactId CONTACT = new ContactId(UUID.randomUUID().toString());
    private static final String EMAIL = "sa-client-1@service-accounts.invalid";
    private static final HashedSecret FIRST = secret("secret-1", "first", CREATED_AT);
    private static final HashedSecret SECOND = secret("secret-2", "second", T1);
    private static final HashedSecret THIRD = secret("secret-3", "third", T2);

    private final AccountState created = AccountState.created(new ServiceAccountCreatedEvent(ID, HOME, "sync",
            AppType.CUSTOM, null, new ClientId("client-1"), FIRST, CONTACT, EMAIL, CREATED_AT), 0);

    @Test
    void whenCreatedThenActiveFunctionalAndNotUsableForNoPermissions() {
        assertThat(created.serviceAccountId()).isEqualTo(ID.value());
        assertThat(created.clientId()).isEqualTo("client-1");
        assertThat(created.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(created.email()).isEqualTo(EMAIL);
        assertThat(created.generatedEmail()).isEqualTo(EMAIL);
        assertThat(created.directoryIds()).containsExactly(HOME.value());
        assertThat(created.secrets()).containsExactly(AccountState.Secret.of(FIRST));
        assertThat(created.functional()).isTrue();
        assertThat(created.usable()).isFalse();
        assertThat(created.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
        assertThat(created.updatedAt()).isEqualTo(CREATED_AT);
        assertThat(created.tokenCutoff()).isNull();
        assertThat(created.version()).isZero();
    }

    @Test
    void whenCreatedAgainThenUnchanged() {
        ServiceAccountCreatedEvent again = new ServiceAccountCreatedEvent(ID, HOME, "other", AppType.CUSTOM, null,
                new ClientId("client-2"), SECOND, CONTACT, EMAIL, T1);

        assertThat(created.apply(again, 1, T1)).isSameAs(created);
        assertThat(AccountState.after(created, again, 1, T1)).isEmpty();
    }

    @Test
    void whenNoStateYetThenOnlyTheCreatedEventStartsOne() {
        assertThat(AccountState.after(null, deactivated(), 1, T1)).isEmpty();
        assertThat(AccountState.after(null, new ServiceAccountCreatedEvent(ID, HOME, "sync", AppType.CUSTOM, null,
                new ClientId("client-1"), FIRST, CONTACT, EMAIL, CREATED_AT), 0, CREATED_AT)).contains(created);
    }

    @Test
    void whenUpdatedThroughAStoreThenSavedOnlyWhenTheEventChangedItsAccount() {
        Map<String, AccountState> store = new HashMap<>(Map.of(ID.value(), created));
        List<AccountState> saved = new ArrayList<>();
        Function<String, Optional<AccountState>> load = id -> Optional.ofNullable(store.get(id));

        AccountState.update(deactivated(), 1, T1, load, saved::add);
        AccountState.update(deactivated(), 0, T1, load, saved::add);
        AccountState.update(new ContactRemovedFromDirectoryEvent(new ContactId(UUID.randomUUID().toString()),
                ContactKind.PERSON, FOREIGN, null), 1, T1, load, saved::add);

        assertThat(saved).containsExactly(created.apply(deactivated(), 1, T1));
    }

    @Test
    void whenEditedThenNameAndAppTypeReplaced() {
        AccountState edited = created.apply(new ServiceAccountEditedEvent(ID, HOME, "renamed", AppType.MARKETPLACE,
                "app-42"), 1, T1);

        assertThat(edited.name()).isEqualTo("renamed");
        assertThat(edited.appType()).isEqualTo(AppType.MARKETPLACE);
        assertThat(edited.marketplaceAppId()).isEqualTo("app-42");
        assertThat(edited.updatedAt()).isEqualTo(T1);
        assertThat(edited.version()).isEqualTo(1);
    }

    @Test
    void whenResetThenOnlyTheNewSecretAndEveryPermissionAndProjectWipedAndTokensCutOff() {
        AccountState granted = fold(created, granted(CompanyTool.ADMIN, PermissionLevel.ADMIN),
                projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.STANDARD)),
                rotated(SECOND, "secret-1", T2));

        AccountState reset = granted.apply(new ClientSecretResetEvent(ID, HOME, THIRD,
                List.of(new SecretId("secret-1"), new SecretId("secret-2")), granted.permissions(), List.of("p-1")),
                4, HALF_SECOND);

        assertThat(reset.secrets()).containsExactly(AccountState.Secret.of(THIRD));
        assertThat(reset.permissions()).isEqualTo(CompanyPermissions.NONE);
        assertThat(reset.projects()).isEmpty();
        assertThat(reset.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
        assertThat(reset.tokenCutoff()).isEqualTo(new TokenCutoff(T1.plusSeconds(1), 4));
    }

    @Test
    void whenRotatedThenThePreviousEndsAtItsExpiryAndTheNewIsAdded() {
        AccountState rotated = created.apply(rotated(SECOND, "secret-1", T2), 1, T1);

        assertThat(rotated.secrets()).containsExactly(
                new AccountState.Secret("secret-1", FIRST.hash(), CREATED_AT, T2), AccountState.Secret.of(SECOND));
        assertThat(rotated.tokenCutoff()).isNull();
    }

    @Test
    void whenRotatedAgainThenOnlyThePreviousAndTheNewSecretRemain() {
        AccountState twice = fold(created, rotated(SECOND, "secret-1", T1), rotated(THIRD, "secret-2", T2));

        assertThat(twice.secrets()).extracting(AccountState.Secret::secretId).containsExactly("secret-2", "secret-3");
    }

    @Test
    void whenDeactivatedThenNotFunctionalAndTokensCutOff() {
        AccountState deactivated = created.apply(deactivated(), 1, HALF_SECOND);

        assertThat(deactivated.status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertThat(deactivated.functional()).isFalse();
        assertThat(deactivated.reasons()).containsExactly(UnusableReason.DEACTIVATED, UnusableReason.NO_PERMISSIONS);
        assertThat(deactivated.tokenCutoff()).isEqualTo(new TokenCutoff(T1.plusSeconds(1), 1));
    }

    @Test
    void whenReactivatedThenFunctionalAgainAndTheCutoffKept() {
        AccountState deactivated = created.apply(deactivated(), 1, HALF_SECOND);

        AccountState reactivated = deactivated.apply(new ServiceAccountReactivatedEvent(ID, HOME), 2, T2);

        assertThat(reactivated.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(reactivated.functional()).isTrue();
        assertThat(reactivated.tokenCutoff()).isEqualTo(deactivated.tokenCutoff());
    }

    @Test
    void whenDeletedThenNotFunctionalForDeletedAndTokensCutOff() {
        AccountState deleted = created.apply(new ServiceAccountDeletedEvent(ID, HOME), 1, T2);

        assertThat(deleted.status()).isEqualTo(AccountStatus.DELETED);
        assertThat(deleted.reasons()).containsExactly(UnusableReason.DELETED, UnusableReason.NO_PERMISSIONS);
        assertThat(deleted.tokenCutoff()).isEqualTo(new TokenCutoff(T2, 1));
    }

    @Test
    void whenCompanyPermissionGrantedThenUsable() {
        AccountState granted = created.apply(granted(CompanyTool.REPORTS, PermissionLevel.STANDARD), 1, T1);

        assertThat(granted.permissions().levels()).containsExactly(Map.entry(CompanyTool.REPORTS, PermissionLevel.STANDARD));
        assertThat(granted.usable()).isTrue();
        assertThat(granted.reasons()).isEmpty();
    }

    @Test
    void whenCompanyPermissionRevokedThenNoPermissionsAgain() {
        AccountState revoked = fold(created, granted(CompanyTool.REPORTS, PermissionLevel.STANDARD),
                new CompanyPermissionRevokedEvent(ID, HOME, CompanyTool.REPORTS, PermissionLevel.STANDARD));

        assertThat(revoked.permissions()).isEqualTo(CompanyPermissions.NONE);
        assertThat(revoked.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenProjectMembershipSetThenUsableAndItsNoneLevelsDropped() {
        AccountState member = created.apply(projectSet("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY,
                ProjectTool.PHOTOS, PermissionLevel.NONE)), 1, T1);

        assertThat(member.projects()).containsExactly(Map.entry("p-1", Map.of(ProjectTool.DRAWINGS, PermissionLevel.READ_ONLY)));
        assertThat(member.usable()).isTrue();
    }

    @Test
    void whenProjectMembershipHoldsOnlyNoneThenKeptButNoPermissions() {
        AccountState member = created.apply(projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.NONE)), 1, T1);

        assertThat(member.projects()).containsExactly(Map.entry("p-1", Map.of()));
        assertThat(member.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenProjectMembershipRemovedThenGone() {
        AccountState removed = fold(created, projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)),
                new ProjectMembershipRemovedEvent(ID, HOME, "p-1"));

        assertThat(removed.projects()).isEmpty();
        assertThat(removed.usable()).isFalse();
    }

    @Test
    void whenDirectoryEmailChangedThenNotFunctionalUntilChangedBack() {
        AccountState changed = created.apply(emailChanged(EMAIL, "changed@example.com"), 1, T1);

        assertThat(changed.email()).isEqualTo("changed@example.com");
        assertThat(changed.reasons()).containsExactly(UnusableReason.EMAIL_CHANGED, UnusableReason.NO_PERMISSIONS);
        assertThat(changed.apply(emailChanged("changed@example.com", EMAIL), 2, T2).functional()).isTrue();
    }

    @Test
    void whenEmailChangedOnlyInCaseThenNotFunctional() {
        assertThat(created.apply(emailChanged(EMAIL, EMAIL.toUpperCase()), 1, T1).functional()).isFalse();
    }

    @Test
    void whenContactAddedToAForeignDirectoryThenNotFunctionalUntilRemoved() {
        AccountState added = created.apply(new ContactAddedToDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT,
                FOREIGN, ID, "sync", EMAIL, true), 1, T1);

        assertThat(added.directoryIds()).containsExactly(HOME.value(), FOREIGN.value());
        assertThat(added.reasons()).containsExactly(UnusableReason.IN_FOREIGN_DIRECTORY, UnusableReason.NO_PERMISSIONS);

        AccountState removed = added.apply(new ContactRemovedFromDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT,
                FOREIGN, ID), 2, T2);

        assertThat(removed.directoryIds()).containsExactly(HOME.value());
        assertThat(removed.functional()).isTrue();
    }

    @Test
    void whenAPersonsContactEventsThenTheAccountUntouched() {
        ContactId person = new ContactId(UUID.randomUUID().toString());

        assertThat(fold(created,
                new DirectoryEmailChangedEvent(person, ContactKind.PERSON, HOME, null, "a@example.com", "b@example.com", false),
                new ContactAddedToDirectoryEvent(person, ContactKind.PERSON, FOREIGN, null, "Ann", "b@example.com", false),
                new ContactRemovedFromDirectoryEvent(person, ContactKind.PERSON, FOREIGN, null))).isSameAs(created);
        assertThat(AccountState.accountId(new ContactRemovedFromDirectoryEvent(person, ContactKind.PERSON, FOREIGN, null)))
                .isNull();
    }

    @Test
    void whenAnotherAccountsOrAnUnrelatedEventThenUntouched() {
        ServiceAccountId other = new ServiceAccountId(UUID.randomUUID().toString());

        assertThat(created.apply(new ServiceAccountDeactivatedEvent(other, HOME), 1, T1)).isSameAs(created);
        assertThat(created.apply("not an event of an account", 1, T1)).isSameAs(created);
    }

    @Test
    void whenTheSameEventAppliedTwiceThenAppliedOnce() {
        AccountState once = created.apply(granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);

        assertThat(once.apply(granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1)).isSameAs(once);
        assertThat(AccountState.after(once, granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1)).isEmpty();
    }

    @Test
    void whenAnOlderEventRedeliveredThenSkipped() {
        AccountState reactivated = fold(created, deactivated(), new ServiceAccountReactivatedEvent(ID, HOME));

        AccountState redelivered = reactivated.apply(deactivated(), 1, T1);

        assertThat(redelivered).isSameAs(reactivated);
        assertThat(redelivered.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(redelivered.version()).isEqualTo(2);
    }

    @Test
    void whenEveryBreakAppliesThenEveryReasonListedInOrder() {
        AccountState broken = fold(created, new ServiceAccountDeletedEvent(ID, HOME), emailChanged(EMAIL, "x@example.com"),
                new ContactAddedToDirectoryEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, FOREIGN, ID, "sync", EMAIL, true));

        assertThat(broken.functional()).isFalse();
        assertThat(broken.usable()).isFalse();
        assertThat(broken.reasons()).containsExactly(UnusableReason.DELETED, UnusableReason.EMAIL_CHANGED,
                UnusableReason.IN_FOREIGN_DIRECTORY, UnusableReason.NO_PERMISSIONS);
    }

    @Test
    void whenDirectoryAdminThenAdminEverywhereWhileFunctional() {
        AccountState admin = created.apply(granted(CompanyTool.DIRECTORY, PermissionLevel.ADMIN), 1, T1);

        assertThat(admin.effectiveLevel(CompanyTool.REPORTS)).isEqualTo(PermissionLevel.ADMIN);
        assertThat(admin.apply(deactivated(), 2, T2).effectiveLevel(CompanyTool.REPORTS)).isEqualTo(PermissionLevel.NONE);
    }

    @Test
    void whenHashesStrippedThenTheStateFoldsForwardAndShowsTheSame() {
        AccountState full = created.apply(granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), 1, T1);
        AccountState bare = full.withoutSecretHashes();

        AccountState rotated = bare.apply(rotated(SECOND, "secret-1", T2), 2, T1);

        assertThat(bare.secrets()).extracting(AccountState.Secret::hash).containsOnlyNulls();
        assertThat(rotated.secrets()).containsExactly(new AccountState.Secret("secret-1", null, CREATED_AT, T2),
                AccountState.Secret.of(SECOND));
        assertThat(rotated.view()).isEqualTo(full.apply(rotated(SECOND, "secret-1", T2), 2, T1).view());
    }

    @Test
    void whenReadBackFromItsViewThenTheSameStateWithoutHashes() {
        AccountState state = fold(created, granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY),
                projectSet("p-1", Map.of(ProjectTool.RFIS, PermissionLevel.ADMIN)), deactivated(),
                rotated(SECOND, "secret-1", T2));

        ServiceAccountView view = state.view();

        assertThat(AccountState.of(view)).isEqualTo(state.withoutSecretHashes());
        assertThat(view.secrets()).containsExactly(new SecretView("secret-1", CREATED_AT, T2),
                new SecretView("secret-2", T1, null));
        assertThat(view.tokenCutoff()).isEqualTo(state.tokenCutoff());
        assertThat(view.reasons()).containsExactly(UnusableReason.DEACTIVATED);
    }

    @Test
    void whenSecretsActiveAtTheGraceEndThenTheRotatedOutOneDropped() {
        AccountState rotated = created.apply(rotated(SECOND, "secret-1", T2), 1, T1);

        assertThat(rotated.secretsActiveAt(T2.minusMillis(1)).secrets()).hasSize(2);
        assertThat(rotated.secretsActiveAt(T2).secrets()).containsExactly(AccountState.Secret.of(SECOND));
    }

    @Test
    void whenContactIntactAskedThenEmailExactAndHomeDirectoryAlone() {
        assertThat(AccountState.contactIntact(EMAIL, EMAIL, Set.of(HOME), HOME)).isTrue();
        assertThat(AccountState.contactIntact(EMAIL, EMAIL, Set.of(HOME, FOREIGN), HOME)).isFalse();
        assertThat(AccountState.contactIntact(EMAIL, EMAIL, Set.of(FOREIGN), HOME)).isFalse();
        assertThat(AccountState.contactIntact("x@example.com", EMAIL, Set.of(HOME), HOME)).isFalse();
        assertThat(AccountState.functional(AccountStatus.ACTIVE, true)).isTrue();
        assertThat(AccountState.functional(AccountStatus.DEACTIVATED, true)).isFalse();
        assertThat(AccountState.functional(AccountStatus.ACTIVE, false)).isFalse();
    }

    /** Applies {@code events} in order, at sequence numbers after the state's, a minute apart. */
    private static AccountState fold(AccountState state, Object... events) {
        AccountState folded = state;
        for (Object event : events) {
            folded = folded.apply(event, folded.version() + 1, folded.updatedAt().plusSeconds(60));
        }
        return folded;
    }

    private static HashedSecret secret(String id, String plaintext, Instant at) {
        return new HashedSecret(new SecretId(id), "{sa-sha256}digest-of-" + plaintext, at, null);
    }

    private static CompanyPermissionGrantedEvent granted(CompanyTool tool, PermissionLevel level) {
        return new CompanyPermissionGrantedEvent(ID, HOME, tool, level, PermissionLevel.NONE);
    }

    private static ProjectMembershipSetEvent projectSet(String projectId, Map<ProjectTool, PermissionLevel> levels) {
        return new ProjectMembershipSetEvent(ID, HOME, projectId, levels);
    }

    private static ClientSecretRotatedEvent rotated(HashedSecret newSecret, String previous, Instant previousExpiresAt) {
        return new ClientSecretRotatedEvent(ID, HOME, newSecret, new SecretId(previous), previousExpiresAt);
    }

    private static ServiceAccountDeactivatedEvent deactivated() {
        return new ServiceAccountDeactivatedEvent(ID, HOME);
    }

    private static DirectoryEmailChangedEvent emailChanged(String previous, String email) {
        return new DirectoryEmailChangedEvent(CONTACT, ContactKind.SERVICE_ACCOUNT, HOME, ID, previous, email,
                !email.equals(EMAIL));
    }
}
