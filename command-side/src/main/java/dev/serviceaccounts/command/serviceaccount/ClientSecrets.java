package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.serviceaccount.ClientSecretResetEvent;
import dev.serviceaccounts.api.serviceaccount.ClientSecretRotatedEvent;
import dev.serviceaccounts.api.serviceaccount.HashedSecret;
import dev.serviceaccounts.api.serviceaccount.RotateClientSecretCommand;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import dev.serviceaccounts.command.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * A service account's client secrets (hashes only, docs/design.md §3 invariant 5): at most two active. Reset
 * replaces them all at once; rotation adds one and gives the current one a grace period (invariant 6).
 */
class ClientSecrets {

    private final List<HashedSecret> secrets = new ArrayList<>();

    /**
     * @return ids of the secrets that still work at {@code now}: the current one and one in its grace period
     *         (a rotated-out secret whose grace has ended is still held until the next rotation, but no longer works)
     */
    List<SecretId> activeIds(Instant now) {
        return secrets.stream().filter(secret -> secret.activeAt(now)).map(HashedSecret::secretId).toList();
    }

    /**
     * @return the rotation: {@code command.newSecret()} added, the newest active secret expiring at
     *         {@code command.previousExpiresAt()}
     * @throws DomainException SECRET_ROTATION_IN_PROGRESS when two secrets are still active at the new
     *                         secret's creation time; INVALID_FIELD when the grace end is not after it
     */
    ClientSecretRotatedEvent rotate(RotateClientSecretCommand command) {
        Instant now = command.newSecret().createdAt();
        List<HashedSecret> active = secrets.stream().filter(secret -> secret.activeAt(now)).toList();
        if (active.size() >= 2) {
            throw new DomainException(ErrorCode.SECRET_ROTATION_IN_PROGRESS, "Two secrets are active until "
                    + active.get(0).expiresAt() + "; at most two may be. Wait for the grace period to end, or reset.");
        }
        if (command.previousExpiresAt() == null || command.previousExpiresAt().isBefore(now)) {
            throw DomainException.invalidFields(Map.of("graceSeconds", "must be 0 or more"));
        }
        SecretId previous = active.isEmpty() ? null : active.get(0).secretId();
        return new ClientSecretRotatedEvent(command.serviceAccountId(), command.companyId(), command.newSecret(),
                previous, previous == null ? null : command.previousExpiresAt());
    }

    @EventSourcingHandler
    void on(ServiceAccountCreatedEvent event) {
        secrets.add(event.secret());
    }

    @EventSourcingHandler
    void on(ClientSecretResetEvent event) {
        secrets.clear();
        secrets.add(event.newSecret());
    }

    @EventSourcingHandler
    void on(ClientSecretRotatedEvent event) {
        Instant now = event.newSecret().createdAt();
        secrets.removeIf(secret -> !secret.activeAt(now));
        secrets.replaceAll(secret -> secret.secretId().equals(event.previousSecretId())
                ? new HashedSecret(secret.secretId(), secret.hash(), secret.createdAt(), event.previousExpiresAt())
                : secret);
        secrets.add(event.newSecret());
    }
}
