package dev.serviceaccounts.command.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.serviceaccounts.api.error.ErrorCode;
import dev.serviceaccounts.command.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

/** A command sent on the strength of an email claim does not apply after the claim's deadline. */
class EmailClaimDeadlineTests {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private final EmailClaimDeadline interceptor = new EmailClaimDeadline(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void handleWhenBeforeDeadlineThenProceeds() throws Exception {
        AtomicBoolean handled = new AtomicBoolean();
        run(EmailClaimDeadline.metaData(NOW.plusSeconds(1)), handled);
        assertThat(handled).isTrue();
    }

    @Test
    void handleWhenDeadlinePassedThenRefusedBeforeTheHandlerRuns() {
        AtomicBoolean handled = new AtomicBoolean();
        assertThatThrownBy(() -> run(EmailClaimDeadline.metaData(NOW), handled))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        assertThat(handled).isFalse();
    }

    @Test
    void handleWhenNoDeadlineThenProceeds() throws Exception {
        AtomicBoolean handled = new AtomicBoolean();
        run(Map.of(), handled);
        assertThat(handled).isTrue();
    }

    private void run(Map<String, ?> metaData, AtomicBoolean handled) throws Exception {
        CommandMessage<?> command = GenericCommandMessage.asCommandMessage("command").andMetaData(metaData);
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(command);
        try {
            interceptor.handle(unitOfWork, () -> {
                handled.set(true);
                return null;
            });
            unitOfWork.commit();
        } catch (Exception e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
