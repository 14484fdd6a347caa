package dev.serviceaccounts.command.web;

import dev.serviceaccounts.command.CommandDispatch;
import dev.serviceaccounts.command.config.CommandBusConfiguration;
import dev.serviceaccounts.command.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Sends a command through Axon's {@link CommandGateway} and waits for it, with the actor and the
 * request id in its metadata (copied to its events). The request id is the caller's
 * {@code X-Request-Id} when it is a sane token, else a new UUID.
 */
@Component
public class CommandSender {

    /** Header that carries the request id in and out. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final CommandGateway commandGateway;

    public CommandSender(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * @return the command handler's result
     * @throws org.axonframework.commandhandling.CommandExecutionException when a rule said no
     */
    public <R> R send(Object command, Caller caller, HttpServletRequest request) {
        return send(command, Map.of(), caller, request);
    }

    private <R> R send(Object command, Map<String, ?> extra, Caller caller, HttpServletRequest request) {
        MetaData metaData = MetaData.from(extra).and(CommandBusConfiguration.ACTOR, caller.actor())
                .and(CommandBusConfiguration.REQUEST_ID, requestId(request));
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
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
