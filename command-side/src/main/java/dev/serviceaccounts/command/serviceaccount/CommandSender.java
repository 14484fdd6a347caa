package dev.serviceaccounts.command.serviceaccount;

import dev.serviceaccounts.command.CommandDispatch;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends a command through Axon's {@link CommandGateway} and waits for it; the gateway's
 * {@code RequestMetaDataInterceptor} adds the actor and the request id of the current request to its metadata
 * (copied to its events). Every command of the API passes here, so this is where a command that wrote
 * service-account events waits for the query side's token views ({@link TokenViewFreshness}) before it is
 * answered.
 */
@Component
public class CommandSender implements CommandDispatch {

    private final CommandGateway commandGateway;
    private final TokenViewFreshness tokenViews;

    public CommandSender(CommandGateway commandGateway, TokenViewFreshness tokenViews) {
        this.commandGateway = commandGateway;
        this.tokenViews = tokenViews;
    }

    /**
     * @return the command handler's result, once every live query-side token view has the command's events
     *         (or the bounded wait for them ran out)
     * @throws org.axonframework.commandhandling.CommandExecutionException when a rule said no
     */
    @Override
    public Object send(Object command, Map<String, ?> metaData) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        try {
            Object result = commandGateway.sendAndWait(message);
            tokenViews.awaitTokenViews(message.getIdentifier());
            return result;
        } finally {
            tokenViews.forget(message.getIdentifier());
        }
    }
}
