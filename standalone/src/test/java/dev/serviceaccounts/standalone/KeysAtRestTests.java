package dev.serviceaccounts.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.serviceaccounts.standalone.support.Api;
import dev.serviceaccounts.standalone.support.StoredSigningKeys;
import dev.serviceaccounts.standalone.support.TestSystem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.h2.mvstore.MVStoreTool;
import org.junit.jupiter.api.Test;

/**
 * Signing keys at rest on the embedded default: the private key is stored only encrypted with the
 * key-encryption key (KEK), in the database and in the data file; the data is owner-only; the key survives
 * a restart with the same KEK; a wrong or missing KEK stops the start saying why; a key stored in plaintext
 * by an earlier version is encrypted in place.
 */
class KeysAtRestTests {

    private static final String OTHER_KEK = "HyAhIiMkJSYnKCkqKywtLi8wMTIzNDU2Nzg5Ojs8PT4";

    @Test
    void storesWhenScannedAfterRunThenNoPrivateKeyInClearInCollectionsDataFileOrLog() throws Exception {
        Path data = TestSystem.newDataDirectory();
        ECKey key;
        try (TestSystem system = TestSystem.start(data)) {
            Api api = system.api();
            String operatorToken = api.operatorToken();
            api.createCompany(operatorToken, "At Rest Co");
            key = StoredSigningKeys.newestPrivateKey(system);
            assertThat(key.isPrivate()).isTrue();
            assertThat(rawDocuments(system)).as("documents scanned").hasSizeGreaterThan(3)
                    .allSatisfy(json -> assertThat(json).doesNotContain("\"d\"", "\\\"d\\\"", key.getD().toString()));
            assertThat(Files.readString(system.logFile())).as("the log (DEBUG) names neither key")
                    .doesNotContain(system.keyEncryptionKey(), key.getD().toString());
            assertThat(system.apps().commandSide().getEnvironment().getProperty(ServiceAccountsSystem.KEY_ENCRYPTION_KEY))
                    .as("the command side verifies without the KEK").isNull();
        }

        String file = new String(Files.readAllBytes(data.resolve(EmbeddedMongo.STORE_FILE)), StandardCharsets.ISO_8859_1);
        assertThat(file).doesNotContain(key.getD().toString(), "\"d\":", "\\\"d\\\":");
        // the store compresses its pages (docs/decisions.md D62): its live data uncompressed, as a reader would see it
        Path plain = data.resolve("uncompressed.mv");
        MVStoreTool.compact(data.resolve(EmbeddedMongo.STORE_FILE).toString(), plain.toString(), false);
        String content = new String(Files.readAllBytes(plain), StandardCharsets.ISO_8859_1);
        Files.delete(plain);
        assertThat(content).as("the data holds the public key").contains(key.getX().toString());
        assertThat(content).doesNotContain(key.getD().toString(), "\"d\":", "\\\"d\\\":");
    }

    @Test
    void dataWhenStartedThenDirectoryAndFilesOwnerOnlyAlsoWhenEarlierModesWereWider() throws Exception {
        Path data = TestSystem.newDataDirectory();
        try (TestSystem system = TestSystem.start(data)) {
            assertOwnerOnly(data);
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve(EmbeddedMongo.STORE_FILE), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve(KeyEncryptionKeyFile.FILE_NAME),
                PosixFilePermissions.fromString("rw-r--r--"));

        try (TestSystem system = TestSystem.start(data)) {
            assertOwnerOnly(data);
        }
    }

    @Test
    void restartWhenSameKekThenSameKeySignsAndEarlierTokensStillAccepted() throws Exception {
        Path data = TestSystem.newDataDirectory();
        String operatorToken;
        String keyId;
        try (TestSystem first = TestSystem.start(data)) {
            operatorToken = first.api().operatorToken();
            keyId = SignedJWT.parse(operatorToken).getHeader().getKeyID();
        }

        try (TestSystem second = TestSystem.start(data)) {
            Api api = second.api();
            String newToken = api.operatorToken();
            assertThat(SignedJWT.parse(newToken).getHeader().getKeyID()).isEqualTo(keyId);
            assertThat(JWKSet.load(URI.create(second.queryUrl() + "/oauth/jwks").toURL()).getKeys()).hasSize(1);
            assertThat(api.createCompany(operatorToken, "Before the restart")).isNotBlank();
        }
    }

    @Test
    void startWhenOtherKekThenRefusedSayingItIsNotTheKeyTheSigningKeysWereStoredWith() {
        Path data = TestSystem.newDataDirectory();
        TestSystem.start(data).close();

        Throwable refused = catchThrowable(() -> TestSystem.start(data,
                Map.of("service-accounts.key-encryption-key", OTHER_KEK)).close());

        assertThat(messages(refused))
                .contains("cannot be decrypted with the configured SA_KEY_ENCRYPTION_KEY")
                .contains("not the key-encryption key the signing keys were stored with")
                .doesNotContain(OTHER_KEK);
    }

    @Test
    void startWhenNoKekConfiguredThenRefusedSayingWhatToSet() {
        Throwable refused = catchThrowable(() -> TestSystem.start(TestSystem.newDataDirectory(),
                Map.of("service-accounts.key-encryption-key", "")).close());

        assertThat(messages(refused)).contains("No key-encryption key is configured. Set SA_KEY_ENCRYPTION_KEY");
    }

    @Test
    void startWhenKeyStoredInPlaintextByEarlierVersionThenEncryptedInPlaceAndStillUsed() throws Exception {
        Path data = TestSystem.newDataDirectory();
        TestSystem.start(data).close();
        ECKey legacy = new ECKeyGenerator(Curve.P_256).keyID("legacy-key").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.ES256).generate();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(data, 0);
             MongoClient client = MongoClients.create(mongo.uri(TestSystem.DATABASE))) {
            MongoCollection<Document> keys = client.getDatabase(TestSystem.DATABASE)
                    .getCollection(StoredSigningKeys.COLLECTION);
            keys.deleteMany(new Document());
            keys.insertOne(new Document("_id", legacy.getKeyID()).append("jwk", legacy.toJSONString())
                    .append("createdAt", new Date()));
        }

        try (TestSystem system = TestSystem.start(data)) {
            Api api = system.api();
            String operatorToken = api.operatorToken();
            assertThat(SignedJWT.parse(operatorToken).getHeader().getKeyID()).isEqualTo("legacy-key");
            assertThat(api.createCompany(operatorToken, "Migrated Co")).isNotBlank();
            List<Document> stored = StoredSigningKeys.documents(system);
            assertThat(stored).hasSize(1);
            assertThat(stored.get(0).toJson()).doesNotContain("\"d\"", "\\\"d\\\"", legacy.getD().toString());
            assertThat(ECKey.parse(stored.get(0).getString("jwk"))).isEqualTo(legacy.toPublicJWK());
            assertThat(StoredSigningKeys.decrypt(stored.get(0), system.keyEncryptionKey())).isEqualTo(legacy);
        }
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(EmbeddedMongo.STORE_FILE))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                data.resolve(KeyEncryptionKeyFile.FILE_NAME)))).isEqualTo("rw-------");
    }

    private static List<String> rawDocuments(TestSystem system) {
        List<String> documents = new ArrayList<>();
        try (MongoClient client = MongoClients.create(system.mongoUri())) {
            MongoDatabase database = client.getDatabase(TestSystem.DATABASE);
            for (String collection : database.listCollectionNames()) {
                database.getCollection(collection).find().forEach(document -> documents.add(document.toJson()));
            }
        }
        return documents;
    }

    private static String messages(Throwable thrown) {
        assertThat(thrown).as("the start is refused").isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
