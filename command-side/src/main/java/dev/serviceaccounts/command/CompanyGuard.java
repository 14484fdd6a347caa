package dev.serviceaccounts.command;

import dev.serviceaccounts.api.company.CompanyScopedCommand;
import dev.serviceaccounts.api.id.CompanyId;
import java.util.function.Predicate;

/**
 * The company check of every aggregate's guard (docs/design.md §4: another company is "not found", never
 * "forbidden"): each command names the company it acts in ({@link CompanyScopedCommand}) and says how the
 * aggregate checks it. A payload that names no company is a programming error, refused before any handler runs.
 */
public final class CompanyGuard {

    private CompanyGuard() {
    }

    /**
     * @param payload     the command
     * @param owner       the company that owns the aggregate
     * @param directories whether the aggregate's contact is in a company's directory
     * @param what        what the aggregate is called in the error ("Service account", "Contact")
     * @throws DomainException         NOT_FOUND when the command may not act in its company on this aggregate
     * @throws IllegalArgumentException when the payload is no {@link CompanyScopedCommand}
     */
    public static void check(Object payload, CompanyId owner, Predicate<CompanyId> directories, String what) {
        if (!(payload instanceof CompanyScopedCommand command)) {
            throw new IllegalArgumentException(payload.getClass().getName()
                    + " names no company: every command must be a " + CompanyScopedCommand.class.getSimpleName());
        }
        boolean allowed = switch (command.companyScope()) {
            case OWNER -> owner.equals(command.companyId());
            case DIRECTORY -> directories.test(command.companyId());
            case JOINED -> true;
        };
        if (!allowed) {
            throw DomainException.notFound(command.companyScope() == CompanyScopedCommand.Scope.OWNER ? what : "Contact");
        }
    }
}
