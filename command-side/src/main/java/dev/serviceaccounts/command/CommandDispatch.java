package dev.serviceaccounts.command;

/**
 * Sends one command on behalf of the current caller and request (actor and request id in its metadata)
 * and waits for its result.
 */
@FunctionalInterface
public interface CommandDispatch {

    /**
     * @return the command handler's result (the new aggregate's id for a creation, else null)
     * @throws org.axonframework.commandhandling.CommandExecutionException when a rule said no
     */
    Object send(Object command);
}
