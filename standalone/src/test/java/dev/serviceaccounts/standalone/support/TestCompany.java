package dev.serviceaccounts.standalone.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A company made through the API with the operator's token ({@link Api#company(String)}), and the set-up
 * steps tests take inside it, all as the operator: accounts with granted levels and their tokens, people of
 * its directory, an account's commands and its view. Accounts are the 201 body of their creation, so a test
 * reads {@code clientId}, {@code clientSecret} and {@code contact} from them as before.
 *
 * <p>Steps that hand out something a test builds on (an account, a grant, a token) assert that they worked;
 * steps whose answer is what a test is about return the raw response.
 */
public final class TestCompany {

    /** How long a test waits for an account's view to catch up with a command. */
    public static final Duration VIEW_WAIT = Duration.ofSeconds(5);

    private final Api api;
    private final String operator;
    private final String id;

    /** A company that exists already (e.g. one whose events a test stored), acted on with {@code operator}. */
    public TestCompany(Api api, String operator, String id) {
        this.api = api;
        this.operator = operator;
        this.id = id;
    }

    /** @return the company's id */
    public String id() {
        return id;
    }

    /** @return the operator's access token this company was made with */
    public String operator() {
        return operator;
    }

    /** @return the 201 body of a new CUSTOM account named {@code name}, with no permission */
    public JsonNode account(String name) {
        return api.createCustomAccount(operator, id, name);
    }

    /** @return the 201 body of a new CUSTOM account named {@code name}, granted {@code level} on company {@code tool} */
    public JsonNode account(String name, String tool, String level) {
        JsonNode account = account(name);
        grant(account, tool, level);
        return account;
    }

    /** Grants {@code level} on company {@code tool} to {@code account}, asserting 200. */
    public void grant(JsonNode account, String tool, String level) {
        assertThat(api.grant(operator, id, account.get("id").asText(), tool, level).statusCode()).isEqualTo(200);
    }

    /** @return an access token of {@code account}, with its own secret */
    public String token(JsonNode account) {
        return Api.accessToken(api.tokenBasic(account.get("clientId").asText(), account.get("clientSecret").asText()));
    }

    /** @return an access token of a new account named {@code "tool level"}, granted {@code level} on company {@code tool} */
    public String tokenWith(String tool, String level) {
        return token(account(tool + " " + level, tool, level));
    }

    /** @return {@code /companies/{id}/service-accounts/{account}}, the account's path below {@code /api/v1} */
    public String path(JsonNode account) {
        return "/companies/" + id + "/service-accounts/" + account.get("id").asText();
    }

    /** Sends {@code method} to the account's path followed by {@code suffix} (e.g. {@code ":deactivate"}), body or null. */
    public HttpResponse<String> accountCommand(JsonNode account, String method, String suffix, Object body) {
        return api.command(method, path(account) + suffix, operator, body);
    }

    /** @return the account's view on the query side, as it is now */
    public JsonNode view(JsonNode account) {
        return Api.json(api.query(operator, "/api/v1" + path(account)));
    }

    /** @return the account's view, once it satisfies {@code condition} (within {@link #VIEW_WAIT}) */
    public JsonNode awaitView(JsonNode account, Predicate<JsonNode> condition) {
        return api.awaitQuery(operator, "/api/v1" + path(account), condition, VIEW_WAIT);
    }

    /** POST .../directory/people: a person in this company's directory. */
    public HttpResponse<String> createPerson(String name, String email) {
        return api.command("POST", "/companies/" + id + "/directory/people", operator, Map.of("name", name, "email", email));
    }

    /** @return the id of a new person in this company's directory, asserting 201 */
    public String person(String name, String email) {
        HttpResponse<String> response = createPerson(name, email);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Api.json(response).get("id").asText();
    }

    /** PATCH .../directory/contacts/{contact} {email}, without acknowledging a broken service account. */
    public HttpResponse<String> changeEmail(String contactId, String email) {
        return api.command("PATCH", "/companies/" + id + "/directory/contacts/" + contactId, operator,
                Map.of("email", email));
    }

    /** PATCH .../directory/contacts/{contact} {email}, acknowledging that it breaks a service account. */
    public HttpResponse<String> changeEmailAcknowledged(String contactId, String email) {
        return api.command("PATCH", "/companies/" + id + "/directory/contacts/" + contactId, operator,
                Map.of("email", email, "acknowledgeBreaksServiceAccount", true));
    }

    /** POST .../directory/contacts {contactId}: lists a contact of any company in this directory. */
    public HttpResponse<String> addContact(String contactId) {
        return api.command("POST", "/companies/" + id + "/directory/contacts", operator, Map.of("contactId", contactId));
    }

    /** POST .../directory/contacts {contactId}, acknowledging that it breaks a service account. */
    public HttpResponse<String> addContactAcknowledged(String contactId) {
        return api.command("POST", "/companies/" + id + "/directory/contacts", operator,
                Map.of("contactId", contactId, "acknowledgeBreaksServiceAccount", true));
    }

    /** DELETE .../directory/contacts/{contact}: drops a contact from this directory. */
    public HttpResponse<String> removeContact(String contactId) {
        return api.command("DELETE", "/companies/" + id + "/directory/contacts/" + contactId, operator, null);
    }

    /** POST .../directory/people/{contact}:deactivate: the person stays, inactive. */
    public HttpResponse<String> deactivatePerson(String contactId) {
        return api.command("POST", "/companies/" + id + "/directory/people/" + contactId + ":deactivate", operator, null);
    }

    /** POST .../directory/people/{contact}:reactivate. */
    public HttpResponse<String> reactivatePerson(String contactId) {
        return api.command("POST", "/companies/" + id + "/directory/people/" + contactId + ":reactivate", operator, null);
    }

    /** @return the contact's entry in this company's directory on the query side, once it satisfies {@code condition} */
    public JsonNode awaitContact(String contactId, Predicate<JsonNode> condition) {
        return api.awaitQuery(operator, "/api/v1/companies/" + id + "/directory/contacts/" + contactId, condition, VIEW_WAIT);
    }

    /** @return the id of the directory contact of a service account (the 201 body of its creation) */
    public static String contactId(JsonNode account) {
        return account.get("contact").get("id").asText();
    }
}
