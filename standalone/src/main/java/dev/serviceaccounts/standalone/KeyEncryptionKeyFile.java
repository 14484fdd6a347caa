package dev.serviceaccounts.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default's key-encryption key (KEK) of the private signing keys, when none is configured:
 * 32 bytes from {@link SecureRandom}, base64url without padding, kept in the file {@value #FILE_NAME} in the
 * data directory, mode {@code 0600}. Created on first start; says once per start, in one log line, which
 * file it uses (never the key). It protects the signing keys in copies of the database file (a backup, a
 * file read by another local user); whoever can read this file as well can open them.
 */
public final class KeyEncryptionKeyFile {

    /** File name inside the data directory. */
    public static final String FILE_NAME = "key-encryption-key";
    private static final Logger log = LoggerFactory.getLogger(KeyEncryptionKeyFile.class);
    private static final int LENGTH = 32;

    private KeyEncryptionKeyFile() {
    }

    /**
     * Reads the KEK from {@code dataDirectory}, creating it owner-only first if there is none.
     *
     * @return the KEK, base64url (the value of {@code service-accounts.key-encryption-key})
     * @throws UncheckedIOException when the file cannot be created or read
     */
    public static String loadOrCreate(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        OwnerOnlyFiles.directory(dataDirectory);
        try {
            if (OwnerOnlyFiles.file(file)) {
                byte[] key = new byte[LENGTH];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\n",
                        StandardCharsets.US_ASCII);
                log.info("No SA_KEY_ENCRYPTION_KEY set: generated the key-encryption key of the signing keys in {}"
                        + " (owner-only). Keep it with the data directory; without it the signing keys cannot be"
                        + " used.", file);
            } else {
                log.info("No SA_KEY_ENCRYPTION_KEY set: the signing keys are encrypted with the key-encryption key"
                        + " in {} (owner-only)", file);
            }
            String value = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("The key-encryption key file " + file + " is empty. If it was"
                        + " never used, delete it and start again; otherwise restore it from a backup.");
            }
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the key-encryption key file " + file, e);
        }
    }
}
