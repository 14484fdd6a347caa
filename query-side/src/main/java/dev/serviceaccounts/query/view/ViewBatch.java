package dev.serviceaccounts.query.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * What one batch of a tracking processor writes into its views (docs/decisions.md D42): a store keeps its writes in
 * a part of the batch ({@link #part}, e.g. {@link BatchedDocuments}) and reads its own pending documents from there,
 * and the parts are written (one bulk write each) when the batch's last event has been handled, before the
 * processor stores its token. A replay thus costs a read per document the batch does not hold yet and a write per
 * batch and view, instead of a read and a write per event.
 *
 * <p>As a {@link MessageHandlerInterceptor} bean, Axon's Spring Boot configuration registers it on every event
 * processor; a processor built by hand registers it itself. The parts are also written when the unit of work
 * prepares its commit, so a processor without this interceptor loses nothing (its token is then stored first).
 * Outside a unit of work (a test driving a projection) there is no batch: {@link #part} is empty and a store writes
 * at once. A batch that fails is rolled back with its unit of work and delivered again: its pending writes are
 * dropped, and every projection is idempotent under that redelivery (D37).
 */
@Component
public class ViewBatch implements MessageHandlerInterceptor<EventMessage<?>> {

    private static final String PARTS = ViewBatch.class.getName() + ".parts";

    /** A batch's pending writes into one view, written at once by {@link #flush()}. */
    public interface Part {

        /** Writes what is pending and forgets it; an exception rolls the batch back (it is delivered again). */
        void flush();
    }

    /**
     * @param key    names the part within the batch (e.g. the collection)
     * @param create makes the part on first use within the batch
     * @return the current batch's part under {@code key}; empty outside a unit of work
     */
    public static <P extends Part> Optional<P> part(String key, Supplier<P> create) {
        return part(key, payloads -> create.get());
    }

    /**
     * @param key    names the part within the batch (e.g. the collection)
     * @param create makes the part on first use within the batch, given the payloads of the batch's events (for a
     *               store to read at once the documents they will ask for)
     * @return the current batch's part under {@code key}; empty outside a unit of work
     */
    public static <P extends Part> Optional<P> part(String key, Function<List<Object>, P> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Map<String, Part> parts = root.getOrComputeResource(PARTS, name -> {
            Map<String, Part> created = new LinkedHashMap<>();
            root.onPrepareCommit(unitOfWork -> flush(created));
            return created;
        });
        @SuppressWarnings("unchecked")
        P part = (P) parts.computeIfAbsent(key, name -> create.apply(payloads(root)));
        return Optional.of(part);
    }

    /** Handles the event, then, after the batch's last event, writes every part of the batch. */
    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
            Map<String, Part> parts = unitOfWork.root().getResource(PARTS);
            if (parts != null) {
                flush(parts);
            }
        }
        return result;
    }

    private static List<Object> payloads(UnitOfWork<?> unitOfWork) {
        List<? extends Message<?>> messages = unitOfWork instanceof BatchingUnitOfWork<?> batch ? batch.getMessages()
                : List.of(unitOfWork.getMessage());
        return messages.stream().<Object>map(Message::getPayload).toList();
    }

    private static void flush(Map<String, Part> parts) {
        parts.values().forEach(Part::flush);
    }
}
