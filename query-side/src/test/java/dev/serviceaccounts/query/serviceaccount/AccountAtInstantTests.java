package dev.serviceaccounts.query.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.PersonCreatedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.api.permission.ProjectTool;
import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.api.serviceaccount.SecretView;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountView;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import dev.serviceaccounts.query.serviceaccount.PermissionChanges.Change;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

/**
 * The fold of an account's events up to an instant, before and after each kind of change, with who last changed
 * each permission. The feed stamps each event one minute after the previous one.
 */
class AccountAtInstantTests {

    private static final String OTHER_COMPANY = UUID.randomUUID().toString();

    private final InMemoryEventStorageEngine store = new InMemoryEventStorageEngine();
    private final EventFeed feed = new EventFeed().storingIn(store);
    private final TestServiceAccounts account = TestServiceAccounts.custom().named("sync");

    @Test
    void whenBeforeCreationThenNothingAndFromCreationActiveWithoutPermissions() {
        Instant created = publish("operator", account.created());

        assertThat(at(created.minusMillis(1))).isEmpty();
        ServiceAccountView view = view(created);
        assertThat(view.status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view.functional()).isTrue();
        assertThat(view.reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
        assertThat(view.secrets()).extracting(SecretView::secretId).containsExactly(account.firstSecretId());
        assertThat(at(created).orElseThrow().permissionChanges()).isEqualTo(PermissionChanges.NONE);
    }

    @Test
    void whenGrantedThenHeldFromTheGrantOnNamingWhoGaveIt() {
        publish("operator", account.created());
        Instant granted = publish("client-admin", account.granted(CompanyTool.ADMIN, PermissionLevel.ADMIN));

        assertThat(view(granted.minusMillis(1)).permissions()).isEmpty();
        assertThat(at(granted.minusMillis(1)).orElseThrow().permissionChanges().company()).isEmpty();
        assertThat(view(granted).permissions()).containsExactly(Map.entry(CompanyTool.ADMIN, PermissionLevel.ADMIN));
        assertThat(view(granted).usable()).isTrue();
        assertThat(at(granted).orElseThrow().permissionChanges().company()).containsExactly(
                Map.entry(CompanyTool.ADMIN, new Change(PermissionLevel.ADMIN, "client-admin", granted)));
    }

    @Test
    void whenRevokedThenNoneNamingWhoRevokedIt() {
        publish("operator", account.created());
        Instant granted = publish("client-admin", account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        Instant revoked = publish("operator", account.revoked(CompanyTool.REPORTS));

        assertThat(at(revoked.minusMillis(1)).orElseThrow().permissionChanges().company().get(CompanyTool.REPORTS))
                .isEqualTo(new Change(PermissionLevel.READ_ONLY, "client-admin", granted));
        assertThat(view(revoked).permissions()).isEmpty();
        assertThat(view(revoked).reasons()).containsExactly(UnusableReason.NO_PERMISSIONS);
        assertThat(at(revoked).orElseThrow().permissionChanges().company().get(CompanyTool.REPORTS))
                .isEqualTo(new Change(PermissionLevel.NONE, "operator", revoked));
    }

    @Test
    void whenSameLevelGrantedAgainThenWhoFirstGaveItStays() {
        publish("operator", account.created());
        Instant granted = publish("client-admin", account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        Instant again = publish("client-other", account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));

        assertThat(at(again).orElseThrow().permissionChanges().company().get(CompanyTool.REPORTS))
                .isEqualTo(new Change(PermissionLevel.READ_ONLY, "client-admin", granted));
    }

    @Test
    void whenProjectMembershipSetChangedAndRemovedThenEachToolNamesWhoLastChangedIt() {
        publish("operator", account.created());
        Instant set = publish("client-a", account.projectSet("p-1",
                Map.of(ProjectTool.DOCUMENTS, PermissionLevel.STANDARD, ProjectTool.RFIS, PermissionLevel.READ_ONLY)));
        Instant changed = publish("client-b", account.projectSet("p-1",
                Map.of(ProjectTool.DOCUMENTS, PermissionLevel.STANDARD, ProjectTool.RFIS, PermissionLevel.ADMIN)));
        Instant removed = publish("client-c", account.projectRemoved("p-1"));

        assertThat(view(set.minusMillis(1)).projects()).isEmpty();
        assertThat(view(set).projects().get("p-1")).containsEntry(ProjectTool.RFIS, PermissionLevel.READ_ONLY);
        assertThat(view(changed).projects().get("p-1")).containsEntry(ProjectTool.RFIS, PermissionLevel.ADMIN);
        assertThat(at(changed).orElseThrow().permissionChanges().projects().get("p-1")).containsExactly(
                Map.entry(ProjectTool.DOCUMENTS, new Change(PermissionLevel.STANDARD, "client-a", set)),
                Map.entry(ProjectTool.RFIS, new Change(PermissionLevel.ADMIN, "client-b", changed)));
        assertThat(view(removed).projects()).isEmpty();
        assertThat(at(removed).orElseThrow().permissionChanges().projects().get("p-1")).containsExactly(
                Map.entry(ProjectTool.DOCUMENTS, new Change(PermissionLevel.NONE, "client-c", removed)),
                Map.entry(ProjectTool.RFIS, new Change(PermissionLevel.NONE, "client-c", removed)));
    }

    @Test
    void whenResetThenPermissionsWipedByTheResetterAndOnlyTheNewSecret() {
        publish("operator", account.created());
        publish("client-a", account.granted(CompanyTool.DOCUMENTS, PermissionLevel.STANDARD));
        publish("client-a", account.projectSet("p-1", Map.of(ProjectTool.PHOTOS, PermissionLevel.READ_ONLY)));
        Instant reset = publish("client-admin", account.reset(
                TestServiceAccounts.secret("secret-2", "new", TestServiceAccounts.CREATED_AT), "secret-1"));

        ServiceAccountView before = view(reset.minusMillis(1));
        assertThat(before.permissions()).containsKey(CompanyTool.DOCUMENTS);
        assertThat(before.projects()).containsKey("p-1");
        assertThat(before.tokensValidAfter()).isNull();
        ServiceAccountView after = view(reset);
        assertThat(after.permissions()).isEmpty();
        assertThat(after.projects()).isEmpty();
        assertThat(after.secrets()).extracting(SecretView::secretId).containsExactly("secret-2");
        assertThat(after.tokensValidAfter()).isEqualTo(reset);
        PermissionChanges changes = at(reset).orElseThrow().permissionChanges();
        assertThat(changes.company().get(CompanyTool.DOCUMENTS))
                .isEqualTo(new Change(PermissionLevel.NONE, "client-admin", reset));
        assertThat(changes.projects().get("p-1").get(ProjectTool.PHOTOS))
                .isEqualTo(new Change(PermissionLevel.NONE, "client-admin", reset));
    }

    @Test
    void whenRotatedThenBothSecretsUntilTheGraceEndsThenOnlyTheNew() {
        publish("operator", account.created());
        Instant graceEnd = feed.lastTimestamp().plusSeconds(90);
        Instant rotated = publish("operator", account.rotated(
                TestServiceAccounts.secret("secret-2", "new", TestServiceAccounts.CREATED_AT),
                account.firstSecretId(), graceEnd));

        assertThat(view(rotated.minusMillis(1)).secrets()).extracting(SecretView::secretId)
                .containsExactly("secret-1");
        assertThat(view(rotated).secrets()).extracting(SecretView::secretId).containsExactly("secret-1", "secret-2");
        assertThat(view(rotated).secrets().get(0).expiresAt()).isEqualTo(graceEnd);
        assertThat(view(graceEnd).secrets()).extracting(SecretView::secretId).containsExactly("secret-2");
    }

    @Test
    void whenDeactivatedThenReactivatedThenTheStatusOfEachInstant() {
        publish("operator", account.created());
        publish("operator", account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        Instant deactivated = publish("operator", account.deactivated());
        Instant reactivated = publish("operator", account.reactivated());

        assertThat(view(deactivated.minusMillis(1)).usable()).isTrue();
        assertThat(view(deactivated).status()).isEqualTo(AccountStatus.DEACTIVATED);
        assertThat(view(deactivated).functional()).isFalse();
        assertThat(view(deactivated).reasons()).containsExactly(UnusableReason.DEACTIVATED);
        assertThat(view(reactivated).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view(reactivated).usable()).isTrue();
        assertThat(view(reactivated).tokensValidAfter()).isEqualTo(deactivated);
    }

    @Test
    void whenDeletedThenDeletedFromThenOn() {
        publish("operator", account.created());
        Instant deleted = publish("operator", account.deleted());

        assertThat(view(deleted.minusMillis(1)).status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(view(deleted).status()).isEqualTo(AccountStatus.DELETED);
        assertThat(view(deleted).reasons()).contains(UnusableReason.DELETED);
        assertThat(view(deleted.plusSeconds(3600)).status()).isEqualTo(AccountStatus.DELETED);
    }

    @Test
    void whenContactEmailChangedThenNotFunctionalUntilChangedBack() {
        publish("operator", account.created());
        publish("operator", account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));
        Instant changed = publish("operator", account.emailChanged(account.generatedEmail(), "erp@acme.example"));
        Instant back = publish("operator", account.emailChanged("erp@acme.example", account.generatedEmail()));

        assertThat(view(changed.minusMillis(1)).functional()).isTrue();
        assertThat(view(changed).functional()).isFalse();
        assertThat(view(changed).contact().email()).isEqualTo("erp@acme.example");
        assertThat(view(changed).reasons()).containsExactly(UnusableReason.EMAIL_CHANGED);
        assertThat(view(back).functional()).isTrue();
        assertThat(view(back).usable()).isTrue();
    }

    @Test
    void whenContactInAForeignDirectoryThenNotFunctionalUntilRemoved() {
        publish("operator", account.created());
        Instant added = publish("operator", account.addedToDirectory(OTHER_COMPANY));
        Instant removed = publish("operator", account.removedFromDirectory(OTHER_COMPANY));

        assertThat(view(added.minusMillis(1)).functional()).isTrue();
        assertThat(view(added).functional()).isFalse();
        assertThat(view(added).contact().companyIds()).containsExactly(account.companyId(), OTHER_COMPANY);
        assertThat(view(added).reasons()).contains(UnusableReason.IN_FOREIGN_DIRECTORY);
        assertThat(view(removed).functional()).isTrue();
    }

    @Test
    void whenEditedThenTheNameOfEachInstant() {
        publish("operator", account.created());
        Instant edited = publish("operator", account.edited("renamed", AppType.MARKETPLACE, "app-1"));

        assertThat(view(edited.minusMillis(1)).name()).isEqualTo("sync");
        assertThat(view(edited).name()).isEqualTo("renamed");
        assertThat(view(edited).appType()).isEqualTo(AppType.MARKETPLACE);
    }

    @Test
    void whenAnEventIsStampedAfterTheInstantThenTheFoldStopsThereEvenIfALaterOneIsStampedBefore() {
        Instant t = TestServiceAccounts.CREATED_AT;
        List<DomainEventMessage<?>> events = List.of(
                message(0, account.created(), t),
                message(1, account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY), t.plusSeconds(20)),
                message(2, account.deactivated(), t.plusSeconds(10)));

        ServiceAccountView view = AccountAtInstant.fold(events.iterator(), t.plusSeconds(15)).orElseThrow()
                .view(t.plusSeconds(15)).account();

        assertThat(view.version()).isZero();
        assertThat(view.status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void whenTimestampsHaveMicrosecondsThenAnEventCountsFromItsMillisecond() {
        Instant t = Instant.parse("2026-11-30T10:00:00.123Z");
        List<DomainEventMessage<?>> events = List.of(message(0, account.created(), t.plusNanos(456_000)));

        Optional<AccountAtInstant> found = AccountAtInstant.fold(events.iterator(), t);

        assertThat(found).isPresent();
        assertThat(AccountAtInstant.fold(events.iterator(), t.minusMillis(1))).isEmpty();
    }

    @Test
    void whenTheEventsAreAPersonsThenNothing() {
        ContactId person = new ContactId(UUID.randomUUID().toString());
        List<DomainEventMessage<?>> events = List.of(message(0, new PersonCreatedEvent(person,
                new CompanyId(account.companyId()), "Ann", "ann@acme.example"), TestServiceAccounts.CREATED_AT));

        assertThat(AccountAtInstant.fold(events.iterator(), TestServiceAccounts.CREATED_AT)).isEmpty();
    }

    @Test
    void whenNoActorRecordedThenTheChangeNamesNobody() {
        publish("operator", account.created());
        Instant granted = publish(null, account.granted(CompanyTool.REPORTS, PermissionLevel.READ_ONLY));

        assertThat(at(granted).orElseThrow().permissionChanges().company().get(CompanyTool.REPORTS))
                .isEqualTo(new Change(PermissionLevel.READ_ONLY, null, granted));
    }

    /** @return the timestamp of the event, published as the next of the account, asked by {@code actor} */
    private Instant publish(String actor, Object payload) {
        feed.as(actor).publish(account, payload);
        return feed.lastTimestamp();
    }

    private Optional<AccountAtInstant> at(Instant instant) {
        return AccountAtInstant.fold(store.readEvents(account.id(), 0L), instant);
    }

    private ServiceAccountView view(Instant instant) {
        return at(instant).orElseThrow().view(instant).account();
    }

    private DomainEventMessage<?> message(long sequence, Object payload, Instant at) {
        return new GenericDomainEventMessage<>("ServiceAccount", account.id(), sequence, payload, Map.of(),
                UUID.randomUUID().toString(), at);
    }
}
