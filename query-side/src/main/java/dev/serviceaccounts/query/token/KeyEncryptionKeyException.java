package dev.serviceaccounts.query.token;

/**
 * The signing keys cannot be used with the configured key-encryption key: it is missing or malformed, or it
 * does not open the stored keys. Stops the query side at start; the message says what to set and never
 * holds key material.
 */
public final class KeyEncryptionKeyException extends RuntimeException {

    KeyEncryptionKeyException(String message) {
        super(message);
    }

    KeyEncryptionKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
