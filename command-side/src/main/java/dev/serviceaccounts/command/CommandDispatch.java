package dev.serviceaccounts.command;

import java.util.Map;

/**
 * Sends one command on behalf of the current caller and request (actor and request id in its metadata)
 * and waits for its result.
 */
@FunctionalInterface
public interface CommandDispatch {

    /**
     * @param metaData further metadata of the command (e.g. a deadline)
     * @return the command handler's result (the new aggregate's id for a creation, else null)
     * @throws org.axonframework.commandhandling.CommandExecutionException when a rule said no
     */
    Object send(Object command, Map<String, ?> metaData);

    /**
     * @return the command handler's result (the new aggregate's id for a creation, else null)
     * @throws org.axonframework.commandhandling.CommandExecutionException when a rule said no
     */
    default Object send(Object command) {
        return send(command, Map.of());
    }
}
