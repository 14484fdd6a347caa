package dev.serviceaccounts.standalone;

import static dev.serviceaccounts.standalone.SigningKeyRotationApiTests.kid;
import static dev.serviceaccounts.standalone.SigningKeyRotationApiTests.publishedKids;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Query-side instances starting on an empty database agree on one signing key (docs/design.md §6, D23): each
 * publishes the same one key and signs with it. The contexts start one after the other: Spring Boot's logging set-up
 * is not safe for two contexts starting at the same moment in one JVM. The race itself, several instances making
 * the first key at once, is {@code SigningKeyRotationTests}' (8 threads on one database).
 */
class SigningKeyAgreementApiTests {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Test
    void whenTwoQuerySidesStartOnEmptyDatabaseThenBothSignWithOneKey() throws Exception {
        Path dataDirectory = TestSystem.newDataDirectory();
        Map<String, String> settings = TestSystem.settings(dataDirectory);
        List<ConfigurableApplicationContext> started = new ArrayList<>();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDirectory, 0)) {
            String uri = mongo.uri(TestSystem.DATABASE);
            List<CompletableFuture<ConfigurableApplicationContext>> starting = new ArrayList<>();
            starting.add(CompletableFuture.completedFuture(ServiceAccountsSystem.startQuerySide(uri, settings)));
            starting.add(CompletableFuture.completedFuture(ServiceAccountsSystem.startQuerySide(uri, settings)));
            try {
                for (CompletableFuture<ConfigurableApplicationContext> instance : starting) {
                    started.add(instance.get(120, TimeUnit.SECONDS));
                }
                String first = ServiceAccountsSystem.url(started.get(0));
                String second = ServiceAccountsSystem.url(started.get(1));

                assertThat(publishedKids(first)).hasSize(1).isEqualTo(publishedKids(second));
                assertThat(kid(operatorToken(first))).isEqualTo(kid(operatorToken(second)))
                        .isEqualTo(publishedKids(first).get(0));
                try (MongoClient client = MongoClients.create(uri)) {
                    assertThat(client.getDatabase(TestSystem.DATABASE).getCollection(StoredSigningKeys.COLLECTION)
                            .countDocuments()).isEqualTo(1);
                }
            } finally {
                for (CompletableFuture<ConfigurableApplicationContext> instance : starting) {
                    instance.handle((context, failure) -> {
                        if (context != null) {
                            context.close();
                        }
                        return null;
                    }).get(120, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String operatorToken(String queryUrl) throws Exception {
        return Api.accessToken(CLIENT.send(HttpRequest.newBuilder(URI.create(queryUrl + "/oauth/token"))
                    .header("Authorization", Api.basic(TestSystem.OPERATOR_ID, TestSystem.OPERATOR_SECRET))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                    HttpResponse.BodyHandlers.ofString()));
    }
}
