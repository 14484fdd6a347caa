package dev.serviceaccounts.query.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.serviceaccounts.api.directory.ContactKind;
import dev.serviceaccounts.api.directory.ContactStatus;
import dev.serviceaccounts.api.directory.DirectoryContactView;
import dev.serviceaccounts.api.serviceaccount.AppType;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The company-directory view: events through the handlers, then the directory read back (giftcard style). */
class DirectoryProjectionTests {

    private static final String COMPANY = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();

    private InMemoryMongo mongo;
    private DirectoryContacts contacts;
    private DirectoryProjection projection;
    private final TestPeople ada = TestPeople.person().named("Ada").withEmail("Ada@Example.com").inCompany(COMPANY);
    private final TestServiceAccounts account = TestServiceAccounts.custom().named("sync").inCompany(COMPANY);

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        contacts = new DirectoryContacts(mongo.template());
        projection = new DirectoryProjection(contacts);
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void whenPersonCreatedThenInItsCompanyDirectory() {
        projection.on(ada.created(), 0);

        assertThat(contacts.findInDirectory(COMPANY, null)).containsExactly(new DirectoryContactView(ada.contactId(),
                ContactKind.PERSON, "Ada", "Ada@Example.com", null, List.of(COMPANY), 0, ContactStatus.ACTIVE));
        assertThat(contacts.findInDirectory(OTHER, null)).isEmpty();
    }

    @Test
    void whenServiceAccountCreatedThenItsContactInTheHomeDirectory() {
        projection.on(account.created(), 0);

        assertThat(contacts.find(account.contactId())).contains(new DirectoryContactView(account.contactId(),
                ContactKind.SERVICE_ACCOUNT, "sync", account.generatedEmail(), account.id(), List.of(COMPANY), 0, ContactStatus.ACTIVE));
    }

    @Test
    void whenServiceAccountEditedThenContactRenamed() {
        projection.on(account.created(), 0);

        projection.on(account.edited("nightly sync", AppType.CUSTOM, null), 3);

        assertThat(contact(account.contactId()).name()).isEqualTo("nightly sync");
        assertThat(contact(account.contactId()).version()).isEqualTo(3);
    }

    @Test
    void whenPersonEmailChangedThenNewEmail() {
        projection.on(ada.created(), 0);

        projection.on(ada.emailChanged("ada@lovelace.org"), 1);

        assertThat(contact(ada.contactId()).email()).isEqualTo("ada@lovelace.org");
    }

    @Test
    void whenServiceAccountEmailChangedThenNewEmail() {
        projection.on(account.created(), 0);

        projection.on(account.emailChanged(account.generatedEmail(), "changed@example.com"), 4);

        assertThat(contact(account.contactId()).email()).isEqualTo("changed@example.com");
    }

    @Test
    void whenAddedToAnotherDirectoryThenListedInBoth() {
        projection.on(ada.created(), 0);

        projection.on(ada.addedToDirectory(OTHER), 1);

        assertThat(contact(ada.contactId()).companyIds()).containsExactly(COMPANY, OTHER);
        assertThat(contacts.findInDirectory(OTHER, null)).extracting(DirectoryContactView::id)
                .containsExactly(ada.contactId());
    }

    @Test
    void whenServiceAccountContactAddedToForeignDirectoryThenListedThere() {
        projection.on(account.created(), 0);

        projection.on(account.addedToDirectory(OTHER), 2);

        assertThat(contacts.findInDirectory(OTHER, null)).extracting(DirectoryContactView::serviceAccountId)
                .containsExactly(account.id());
    }

    @Test
    void whenRemovedFromDirectoryThenNoLongerListedThere() {
        projection.on(ada.created(), 0);
        projection.on(ada.addedToDirectory(OTHER), 1);

        projection.on(ada.removedFromDirectory(OTHER), 2);

        assertThat(contacts.findInDirectory(OTHER, null)).isEmpty();
        assertThat(contact(ada.contactId()).companyIds()).containsExactly(COMPANY);
    }

    @Test
    void whenPersonDeactivatedThenStillListedAsInactive() {
        projection.on(ada.created(), 0);

        projection.on(ada.deactivated(), 1);

        assertThat(contacts.findInDirectory(COMPANY, null)).extracting(DirectoryContactView::status)
                .containsExactly(ContactStatus.INACTIVE);
        assertThat(contact(ada.contactId()).version()).isEqualTo(1);
    }

    @Test
    void whenPersonReactivatedThenActiveAgain() {
        projection.on(ada.created(), 0);
        projection.on(ada.deactivated(), 1);

        projection.on(ada.reactivated(), 2);

        assertThat(contact(ada.contactId()).status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void whenDeactivationDeliveredAgainAfterReactivationThenStaysActive() {
        projection.on(ada.created(), 0);
        projection.on(ada.deactivated(), 1);
        projection.on(ada.reactivated(), 2);

        projection.on(ada.deactivated(), 1);

        assertThat(contact(ada.contactId()).status()).isEqualTo(ContactStatus.ACTIVE);
    }

    @Test
    void whenAddedEventOfUnknownContactThenContactTakenFromEvent() {
        projection.on(ada.addedToDirectory(OTHER), 3);

        assertThat(contact(ada.contactId())).isEqualTo(new DirectoryContactView(ada.contactId(), ContactKind.PERSON,
                "Ada", "Ada@Example.com", null, List.of(OTHER), 3, ContactStatus.ACTIVE));
    }

    @Test
    void whenEmailFilterThenCaseInsensitiveExactMatch() {
        projection.on(ada.created(), 0);
        projection.on(TestPeople.person().named("Adam").withEmail("ada@example.com.au").inCompany(COMPANY).created(), 0);

        assertThat(contacts.findInDirectory(COMPANY, "ada@EXAMPLE.com")).extracting(DirectoryContactView::id)
                .containsExactly(ada.contactId());
        assertThat(contacts.findInDirectory(COMPANY, "ada@example")).isEmpty();
        assertThat(contacts.findInDirectory(COMPANY, "ada.example.com")).isEmpty();
    }

    @Test
    void whenListedThenOrderedByName() {
        projection.on(account.created(), 0);
        projection.on(ada.created(), 0);

        assertThat(contacts.findInDirectory(COMPANY, null)).extracting(DirectoryContactView::name)
                .containsExactly("Ada", "sync");
    }

    @Test
    void whenEveryEventDeliveredTwiceThenSameViewAsOnce() {
        List<Runnable> events = List.of(
                () -> projection.on(ada.created(), 0),
                () -> projection.on(ada.emailChanged("ada@lovelace.org"), 1),
                () -> projection.on(ada.addedToDirectory(OTHER), 2),
                () -> projection.on(ada.removedFromDirectory(OTHER), 3),
                () -> projection.on(account.created(), 0),
                () -> projection.on(account.edited("renamed", AppType.CUSTOM, null), 1),
                () -> projection.on(account.addedToDirectory(OTHER), 2),
                () -> projection.on(account.emailChanged(account.generatedEmail(), "x@example.com"), 3),
                () -> projection.on(account.removedFromDirectory(OTHER), 4));
        events.forEach(Runnable::run);
        DirectoryContactView person = contact(ada.contactId());
        DirectoryContactView serviceAccount = contact(account.contactId());

        events.forEach(Runnable::run);

        assertThat(contact(ada.contactId())).isEqualTo(person);
        assertThat(contact(account.contactId())).isEqualTo(serviceAccount);
        assertThat(person.companyIds()).containsExactly(COMPANY);
        assertThat(serviceAccount.name()).isEqualTo("renamed");
    }

    @Test
    void whenOlderEventRedeliveredAfterNewerThenIgnored() {
        projection.on(ada.created(), 0);
        projection.on(ada.addedToDirectory(OTHER), 1);
        projection.on(ada.removedFromDirectory(OTHER), 2);

        projection.on(ada.addedToDirectory(OTHER), 1);

        assertThat(contact(ada.contactId()).companyIds()).containsExactly(COMPANY);
    }

    @Test
    void whenProjectionResetThenDirectoryEmpty() {
        projection.on(ada.created(), 0);

        projection.reset();

        assertThat(contacts.find(ada.contactId())).isEmpty();
    }

    private DirectoryContactView contact(String contactId) {
        return contacts.find(contactId).orElseThrow();
    }
}
