package dev.serviceaccounts.api.serviceaccount;

import dev.serviceaccounts.api.company.CompanyScopedEvent;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.api.id.SecretId;
import dev.serviceaccounts.api.id.ServiceAccountId;
import dev.serviceaccounts.api.permission.CompanyPermissions;
import java.util.List;

/**
 * Every earlier secret stopped at once; {@code newSecret} is now the only one; all company permissions and
 * project memberships are NONE. The wiped grants are listed for the audit trail.
 */
public record ClientSecretResetEvent(ServiceAccountId serviceAccountId, CompanyId companyId, HashedSecret newSecret,
                                     List<SecretId> revokedSecretIds, CompanyPermissions wipedCompanyPermissions,
                                     List<String> wipedProjectIds) implements CompanyScopedEvent {
}
