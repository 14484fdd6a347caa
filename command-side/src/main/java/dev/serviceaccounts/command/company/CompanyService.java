package dev.serviceaccounts.command.company;

import dev.serviceaccounts.api.company.CreateCompanyCommand;
import dev.serviceaccounts.api.id.CompanyId;
import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.web.security.Caller;
import dev.serviceaccounts.web.security.CompanyAccessPolicy;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** Companies (docs/design.md §5): only the platform operator creates one. */
@Service
public class CompanyService {

    private final CompanyAccessPolicy access;
    private final CommandDispatch commands;

    public CompanyService(CompanyAccessPolicy access, CommandDispatch commands) {
        this.access = access;
        this.commands = commands;
    }

    /**
     * @return the new company's id
     * @throws dev.serviceaccounts.web.problem.AccessRefusedException FORBIDDEN for anyone but the operator
     */
    public CompanyId create(Caller caller, String name) {
        access.requireOperator(caller);
        CompanyId companyId = new CompanyId(UUID.randomUUID().toString());
        commands.send(new CreateCompanyCommand(companyId, name));
        return companyId;
    }
}
