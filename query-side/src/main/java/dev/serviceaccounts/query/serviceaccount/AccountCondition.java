package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.serviceaccount.AccountStatus;
import dev.serviceaccounts.api.serviceaccount.UnusableReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The facts that decide whether a service account works, and the one place where {@code functional},
 * {@code usable} and the reasons are derived from them (docs/design.md §3). Both the service-account view and the
 * token-eligibility view use it, so they never disagree.
 *
 * <p>Functional = ACTIVE, the contact email is the generated one (exact compare: the command side stores
 * it as given), and the contact is in its home company's directory alone. Usable = functional and some
 * permission above NONE.
 *
 * @param email          the contact's current email
 * @param generatedEmail the email generated with the account
 * @param homeCompanyId  the account's own company
 * @param directoryIds   the company directories the contact is in
 */
public record AccountCondition(AccountStatus status, String email, String generatedEmail, String homeCompanyId,
                               Collection<String> directoryIds) {

    /** @return true when the contact email is no longer the generated one ({@code EMAIL_CHANGED}) */
    public boolean emailChanged() {
        return !Objects.equals(email, generatedEmail);
    }

    /**
     * @return true when the contact is not in its home directory alone ({@code IN_FOREIGN_DIRECTORY}),
     *         i.e. it is also in another company's directory
     */
    public boolean outsideHomeDirectory() {
        return directoryIds.size() != 1 || !directoryIds.contains(homeCompanyId);
    }

    /** @return true when a token may be issued to the account: ACTIVE, email unchanged, home directory only */
    public boolean functional() {
        return status == AccountStatus.ACTIVE && !emailChanged() && !outsideHomeDirectory();
    }

    /**
     * @param anyPermission whether some company or project tool level is above NONE
     * @return every reason that applies, in {@link UnusableReason} order; empty exactly when usable
     */
    public List<UnusableReason> reasons(boolean anyPermission) {
        List<UnusableReason> reasons = new ArrayList<>(2);
        if (status == AccountStatus.DEACTIVATED) {
            reasons.add(UnusableReason.DEACTIVATED);
        }
        if (status == AccountStatus.DELETED) {
            reasons.add(UnusableReason.DELETED);
        }
        if (emailChanged()) {
            reasons.add(UnusableReason.EMAIL_CHANGED);
        }
        if (outsideHomeDirectory()) {
            reasons.add(UnusableReason.IN_FOREIGN_DIRECTORY);
        }
        if (!anyPermission) {
            reasons.add(UnusableReason.NO_PERMISSIONS);
        }
        return List.copyOf(reasons);
    }
}
