package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.ClientId;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.ContactId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A service account exists, with one secret (hash only), NONE on every tool, and a contact of kind
 * SERVICE_ACCOUNT in its home company's directory.
 *
 * <p>Revision 1 (docs/decisions.md D36): {@code generatedEmail} was {@code contactEmail} in events stored without a
 * revision; the apps' event upcaster renames it when such an event is read.
 *
 * @param generatedEmail the contact's email made with the account: its first email and, for ever, the one that
 *                       keeps the account functional (docs/design.md §3 invariant 2)
 */
@Revision(ServiceAccountCreatedEvent.REVISION)
public record ServiceAccountCreatedEvent(
        ServiceAccountId serviceAccountId,
        CompanyId companyId,
        String name,
        AppType appType,
        String marketplaceAppId,
        ClientId clientId,
        HashedSecret secret,
        ContactId contactId,
        String generatedEmail,
        Instant createdAt) implements CompanyScopedEvent {

    /** The revision of this shape; events stored before it have none. */
    public static final String REVISION = "1";
}
