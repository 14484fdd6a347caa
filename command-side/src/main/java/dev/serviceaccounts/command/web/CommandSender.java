package dev.serviceaccounts.command.web;

import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.config.CommandBusConfiguration;
import dev.serviceaccounts.command.security.Caller;
import dev.serviceaccounts.command.serviceaccount.TokenViewFreshness;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends a command through Axon's {@link CommandGateway} and waits for it, with the actor and the
 * request id in its metadata (copied to its events). The request id is the caller's
 * {@code X-Request-Id} when it is a sane token, else a new UUID. Every command passes here, so this is
 * where a command that wrote service-account events waits for the query side's token views
 * ({@link TokenViewFreshness}) before it is answered.
 */
@Component
public class CommandSender {

    /** Header that carries the request id in and out. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

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
    public <R> R send(Object command, Caller caller, HttpServletRequest request) {
        return send(command, Map.of(), caller, request);
    }

    private <R> R send(Object command, Map<String, ?> extra, Caller caller, HttpServletRequest request) {
        MetaData metaData = MetaData.from(extra).and(CommandBusConfiguration.ACTOR, caller.actor())
                .and(CommandBusConfiguration.REQUEST_ID, requestId(request));
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command).andMetaData(metaData);
        try {
            R result = commandGateway.sendAndWait(message);
            tokenViews.awaitTokenViews(message.getIdentifier());
            return result;
        } finally {
            tokenViews.forget(message.getIdentifier());
        }
    }

    /** @return a dispatcher that sends commands as {@code caller} in {@code request} */
    public CommandDispatch as(Caller caller, HttpServletRequest request) {
        return (command, metaData) -> send(command, metaData, caller, request);
    }

    /** @return the request id of this request, made once and kept as a request attribute */
    public static String requestId(HttpServletRequest request) {
        Object known = request.getAttribute(REQUEST_ID_HEADER);
        if (known instanceof String id) {
            return id;
        }
        String header = request.getHeader(REQUEST_ID_HEADER);
        String id = header != null && SANE_REQUEST_ID.matcher(header).matches() ? header : UUID.randomUUID().toString();
        request.setAttribute(REQUEST_ID_HEADER, id);
        return id;
    }
}
