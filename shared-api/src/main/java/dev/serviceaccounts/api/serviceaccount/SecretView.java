package dev.serviceaccounts.api.serviceaccount;

import java.time.Instant;

/** One active client secret as shown: never the secret nor its hash. {@code expiresAt} is null while it has no end. */
public record SecretView(String secretId, Instant createdAt, Instant expiresAt) {
}
