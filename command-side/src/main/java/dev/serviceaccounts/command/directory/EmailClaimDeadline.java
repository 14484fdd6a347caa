package dev.serviceaccounts.command.directory;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * The deadline of a command sent on the strength of an email claim ({@link DirectoryEmails}): a command
 * whose metadata carries {@value #METADATA_KEY} (epoch milliseconds) is refused when that instant has
 * passed, checked when it is handled and again just before its events are stored (its retries too). So a
 * holder that stalls past its deadline can no longer apply, and its claim can safely be taken over later.
 */
@Component
public final class EmailClaimDeadline implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** Metadata key of the deadline, epoch milliseconds. */
    public static final String METADATA_KEY = "emailClaimDeadline";

    private final Clock clock;

    public EmailClaimDeadline(Clock clock) {
        this.clock = clock;
    }

    /** @return the metadata that gives a command {@code deadline} */
    public static Map<String, Object> metaData(Instant deadline) {
        return Map.of(METADATA_KEY, deadline.toEpochMilli());
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object deadline = unitOfWork.getMessage().getMetaData().get(METADATA_KEY);
        if (deadline instanceof Number millis) {
            Instant until = Instant.ofEpochMilli(millis.longValue());
            requireBefore(until);
            unitOfWork.onPrepareCommit(work -> requireBefore(until));
        }
        return interceptorChain.proceed();
    }

    private void requireBefore(Instant deadline) {
        if (!clock.instant().isBefore(deadline)) {
            throw new DomainException(ErrorCode.CONCURRENT_MODIFICATION,
                    "The request took too long to apply its directory change; nothing was changed, retry");
        }
    }
}
