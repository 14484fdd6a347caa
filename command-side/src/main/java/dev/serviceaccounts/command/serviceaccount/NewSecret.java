package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;

/**
 * A freshly generated client secret: the plaintext, to be shown once in the response of the command
 * that made it, and its stored form. {@link #toString()} never shows the plaintext.
 */
public record NewSecret(String plaintext, HashedSecret stored) {

    @Override
    public String toString() {
        return "NewSecret[secretId=" + stored.secretId() + "]";
    }
}
