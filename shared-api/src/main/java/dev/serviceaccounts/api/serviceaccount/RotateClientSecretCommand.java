package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds {@code newSecret}; the current secret keeps working until {@code previousExpiresAt} (its grace
 * period), permissions are kept. At most two secrets are active: rotating again during a grace period is
 * rejected. Refused when the account holds a permission its {@code issuer} does not ({@link CredentialCommand}).
 */
public record RotateClientSecretCommand(@TargetAggregateIdentifier ServiceAccountId serviceAccountId,
                                        CompanyId companyId, HashedSecret newSecret, Instant previousExpiresAt,
                                        CallerRights issuer) implements ServiceAccountCommand, CredentialCommand {

    /** @return {@code true}: a rotation keeps every grant: the new secret carries them all */
    @Override
    public boolean keepsGrants() {
        return true;
    }
}
