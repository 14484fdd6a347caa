package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CallerRights;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a service account with permission NONE on every tool and its company-directory contact.
 * Ids, the generated email, the secret's hash and the time are made by the caller (the edge), so the
 * aggregate stays deterministic (docs/decisions.md D22).
 *
 * @param issuer           the caller's rights; a new account holds nothing, so any caller passes the
 *                         {@link CredentialCommand} rule, but the command goes through it like the others
 * @param marketplaceAppId required for {@link AppType#MARKETPLACE}, must be null for {@link AppType#CUSTOM}
 */
public record CreateServiceAccountCommand(
        @TargetAggregateIdentifier ServiceAccountId serviceAccountId,
        CompanyId companyId,
        String name,
        AppType appType,
        String marketplaceAppId,
        ClientId clientId,
        HashedSecret secret,
        ContactId contactId,
        String contactEmail,
        Instant createdAt,
        CallerRights issuer) implements CompanyScopedCommand, CredentialCommand {

    /** @return {@code false}: a new account holds nothing */
    @Override
    public boolean keepsGrants() {
        return false;
    }
}
