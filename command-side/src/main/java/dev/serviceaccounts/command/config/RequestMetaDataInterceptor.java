package dev.serviceaccounts.command.config;

import dev.serviceaccounts.api.EventMetaData;
import dev.serviceaccounts.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Attaches who asked and which request asked to every command sent while an HTTP request is served
 * (docs/design.md §4: who did what when): {@link EventMetaData#ACTOR} from the {@link Caller} of the
 * Spring Security context, {@link EventMetaData#REQUEST_ID} from the request. The request id is the
 * caller's {@code X-Request-Id} when it is a sane token (1–128 of {@code [A-Za-z0-9._:-]}), else a new UUID,
 * made once per request. Metadata the sender set itself is kept; outside a request nothing is added.
 */
public final class RequestMetaDataInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    /** Header that carries the request id in. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        Map<String, Object> current = current();
        return (index, message) -> {
            Map<String, Object> missing = new HashMap<>(current);
            missing.keySet().removeAll(message.getMetaData().keySet());
            return missing.isEmpty() ? message : message.andMetaData(missing);
        };
    }

    private static Map<String, Object> current() {
        Map<String, Object> metaData = new HashMap<>();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            metaData.put(EventMetaData.ACTOR, caller.actor());
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            metaData.put(EventMetaData.REQUEST_ID, requestId(attributes.getRequest()));
        }
        return metaData;
    }

    /** @return the request id of this request, made once and kept as a request attribute */
    static String requestId(HttpServletRequest request) {
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
