package dev.serviceaccounts.query.directory;

import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.serviceaccounts.api.permission.CompanyTool;
import dev.serviceaccounts.api.permission.PermissionLevel;
import dev.serviceaccounts.query.security.ViewCallerAccounts;
import dev.serviceaccounts.query.token.InstanceTokenEligibilityProjection;
import dev.serviceaccounts.query.token.TokenEligibilityView;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import dev.serviceaccounts.web.security.RevokedTokens;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountProjection;
import dev.serviceaccounts.query.serviceaccount.ServiceAccountViews;
import dev.serviceaccounts.query.support.EventFeed;
import dev.serviceaccounts.query.support.InMemoryMongo;
import dev.serviceaccounts.query.support.TestMvc;
import dev.serviceaccounts.query.support.TestPeople;
import dev.serviceaccounts.query.support.TestServiceAccounts;
import dev.serviceaccounts.query.support.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code GET .../directory/contacts[/{contactId}]}: who may read, what is listed, 404 for other companies. */
class DirectoryQueryControllerTests {

    private static final String COMPANY = UUID.randomUUID().toString();
    private static final String OTHER = UUID.randomUUID().toString();

    private InMemoryMongo mongo;
    private EventFeed feed;
    private MockMvc mvc;
    private final TestServiceAccounts reader = TestServiceAccounts.custom().named("reader").inCompany(COMPANY);
    private final TestPeople ada = TestPeople.person().named("Ada").withEmail("Ada@Example.com").inCompany(COMPANY);
    private final TestPeople bob = TestPeople.person().named("Bob").withEmail("bob@example.com").inCompany(OTHER);

    @BeforeEach
    void setUp() {
        mongo = new InMemoryMongo();
        ServiceAccountViews views = new ServiceAccountViews(mongo.template());
        DirectoryContacts contacts = new DirectoryContacts(mongo.template());
        TokenEligibilityView tokenView = new TokenEligibilityView();
        feed = new EventFeed(new ServiceAccountProjection(views), new DirectoryProjection(contacts),
                new InstanceTokenEligibilityProjection(tokenView));
        mvc = TestMvc.of(new DirectoryQueryController(contacts,
                new CompanyAccessPolicy(new ViewCallerAccounts(tokenView),
                new RevokedTokens(mongo.template(), java.time.Clock.systemUTC()))));
        feed.publish(reader, reader.created(), reader.granted(CompanyTool.DIRECTORY, PermissionLevel.READ_ONLY));
        feed.publish(ada.contactId(), ada.created());
        feed.publish(bob.contactId(), bob.created());
        TestMvc.callAs(TestTokens.of(reader));
    }

    @AfterEach
    void tearDown() {
        TestMvc.clearCaller();
        mongo.close();
    }

    @Test
    void whenDirectoryReaderThenListsPeopleAndServiceAccountContactsOfTheCompany() throws Exception {
        list("").andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name", contains("Ada", "reader")))
                .andExpect(jsonPath("$.items[0].kind").value("PERSON"))
                .andExpect(jsonPath("$.items[0].serviceAccountId").doesNotExist())
                .andExpect(jsonPath("$.items[1].kind").value("SERVICE_ACCOUNT"))
                .andExpect(jsonPath("$.items[1].serviceAccountId").value(reader.id()))
                .andExpect(jsonPath("$.items[1].email").value(reader.generatedEmail()))
                .andExpect(jsonPath("$.items[1].companyIds", contains(COMPANY)));
    }

    @Test
    void whenEmailFilterThenOnlyTheContactWithThatEmailAnyCase() throws Exception {
        list("?email=ada@EXAMPLE.COM").andExpect(jsonPath("$.items[*].id", contains(ada.contactId())));
        list("?email=ada@example").andExpect(jsonPath("$.items").isEmpty());
    }

    @Test
    void whenEmailFilterIsAnotherSpellingOfTheAddressThenTheContactIsFound() throws Exception {
        list("?email=ada@example.com.").andExpect(jsonPath("$.items[*].id", contains(ada.contactId())));
        list("?email=ada@\uFF45xample.com").andExpect(jsonPath("$.items[*].id", contains(ada.contactId())));
    }

    @Test
    void whenBlankEmailFilterThen400Problem() throws Exception {
        mvc.perform(get("/api/v1/companies/" + COMPANY + "/directory/contacts").param("email", " "))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.email").exists());
    }

    @Test
    void whenContactInTheDirectoryThenReturned() throws Exception {
        contact(COMPANY, ada.contactId()).andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("Ada@Example.com"))
                .andExpect(jsonPath("$.version").value(0));
    }

    @Test
    void whenContactOnlyInAnotherDirectoryThen404() throws Exception {
        contact(COMPANY, bob.contactId()).andExpect(status().isNotFound());
    }

    @Test
    void whenContactAddedToTheDirectoryThenReturned() throws Exception {
        feed.publish(bob.contactId(), bob.addedToDirectory(COMPANY));

        contact(COMPANY, bob.contactId()).andExpect(status().isOk())
                .andExpect(jsonPath("$.companyIds", contains(OTHER, COMPANY)));
    }

    @Test
    void whenAnotherCompanyThen404NeverForbidden() throws Exception {
        mvc.perform(get("/api/v1/companies/" + OTHER + "/directory/contacts")).andExpect(status().isNotFound());
        contact(OTHER, bob.contactId()).andExpect(status().isNotFound());
    }

    @Test
    void whenAdminToolReadOnlyThenAllowed() throws Exception {
        TestServiceAccounts auditor = TestServiceAccounts.custom().named("auditor").inCompany(COMPANY);
        feed.publish(auditor, auditor.created(), auditor.granted(CompanyTool.ADMIN, PermissionLevel.READ_ONLY));
        TestMvc.callAs(TestTokens.of(auditor));

        list("").andExpect(status().isOk());
    }

    @Test
    void whenNeitherAdminNorDirectoryToolThen403() throws Exception {
        TestServiceAccounts other = TestServiceAccounts.custom().named("reports").inCompany(COMPANY);
        feed.publish(other, other.created(), other.granted(CompanyTool.REPORTS, PermissionLevel.ADMIN));
        TestMvc.callAs(TestTokens.of(other));

        list("").andExpect(status().isForbidden());
    }

    @Test
    void whenCallerNotFunctionalThen403() throws Exception {
        feed.publish(reader, reader.emailChanged(reader.generatedEmail(), "changed@example.com"));

        list("").andExpect(status().isForbidden());
        contact(COMPANY, ada.contactId()).andExpect(status().isForbidden());
    }

    @Test
    void whenOperatorThenReadsAnyDirectory() throws Exception {
        TestMvc.callAs(TestTokens.operator());

        mvc.perform(get("/api/v1/companies/" + OTHER + "/directory/contacts"))
                .andExpect(jsonPath("$.items[*].id", contains(bob.contactId())));
    }

    private ResultActions list(String query) throws Exception {
        return mvc.perform(get("/api/v1/companies/" + COMPANY + "/directory/contacts" + query));
    }

    private ResultActions contact(String companyId, String contactId) throws Exception {
        return mvc.perform(get("/api/v1/companies/" + companyId + "/directory/contacts/" + contactId));
    }
}
