package dev.serviceaccounts.query.token;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import dev.serviceaccounts.query.config.ServiceAccountsProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * Tells the command side which events this instance's token view holds: after this instance's
 * processor has applied an event of a service account to the in-memory view, it upserts
 * {@code {instance, aggregateId, sequence}} into {@code token_view_acks}, once per batch and account
 * (the highest sequence number). The command side answers a command on a service account only when every
 * live instance has acknowledged the last event the command wrote, so the very next token request, on
 * any instance, sees it. Events older than {@code token-view.ack-horizon} are not acknowledged (no
 * command waits that long), so a replay writes nothing here.
 *
 * <p>Its {@link #interceptor()} is registered on this instance's processor alone ({@link TokenViewConfiguration}).
 * This class is deliberately not a {@link MessageHandlerInterceptor} bean: Axon's Spring Boot auto-configuration
 * puts every such bean on <em>every</em> event processor, and an acknowledgement written by another processor
 * (the shared {@value TokenEligibilityProjection#PROCESSING_GROUP} one, a read view's) claims an event the
 * in-memory view has not applied yet, so a command was answered before the token endpoint could see it.
 */
@Component
public class TokenViewAcknowledgements {

    /** The collection of acknowledgements; the command side reads it. */
    public static final String COLLECTION = "token_view_acks";
    private static final String BATCH = TokenViewAcknowledgements.class.getName() + ".batch";

    private final MongoTemplate mongo;
    private final TokenEligibilityView view;
    private final QueryInstanceRegistration registration;
    private final Clock clock;
    private final Duration horizon;

    public TokenViewAcknowledgements(MongoTemplate mongo, TokenEligibilityView view,
                                     QueryInstanceRegistration registration, Clock clock,
                                     ServiceAccountsProperties properties) {
        this.mongo = mongo;
        this.view = view;
        this.registration = registration;
        this.clock = clock;
        this.horizon = properties.tokenView().ackHorizon();
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("aggregateId", org.springframework.data.domain.Sort.Direction.ASC));
        mongo.indexOps(COLLECTION).ensureIndex(new Index().on("instance", org.springframework.data.domain.Sort.Direction.ASC));
    }

    /**
     * @return the handler interceptor of this instance's token-view processor: after the processor's handler has
     *         applied an event of an account in the view, notes its sequence number for the batch's acknowledgement
     */
    public MessageHandlerInterceptor<EventMessage<?>> interceptor() {
        return this::handle;
    }

    private Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        Object result = interceptorChain.proceed();
        if (unitOfWork.getMessage() instanceof DomainEventMessage<?> event && acknowledged(event)) {
            UnitOfWork<?> batch = unitOfWork.root();
            Map<String, Long> pending = batch.getOrComputeResource(BATCH, key -> writtenAfterCommit(batch));
            pending.merge(event.getAggregateIdentifier(), event.getSequenceNumber(), Math::max);
        }
        return result;
    }

    /** Only events of accounts in the view (a person's or a company's event concerns no token) and recent ones. */
    private boolean acknowledged(DomainEventMessage<?> event) {
        return event.getTimestamp().isAfter(clock.instant().minus(horizon))
                && view.findByServiceAccount(event.getAggregateIdentifier()).isPresent();
    }

    private Map<String, Long> writtenAfterCommit(UnitOfWork<?> batch) {
        Map<String, Long> pending = new LinkedHashMap<>();
        batch.afterCommit(committed -> write(pending));
        return pending;
    }

    private void write(Map<String, Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        String instance = registration.instanceId();
        List<WriteModel<Document>> upserts = new ArrayList<>(sequences.size());
        sequences.forEach((aggregateId, sequence) -> upserts.add(new UpdateOneModel<>(
                new Document("_id", instance + "/" + aggregateId),
                new Document("$max", new Document("sequence", sequence))
                        .append("$set", new Document("instance", instance).append("aggregateId", aggregateId)),
                new UpdateOptions().upsert(true))));
        mongo.getCollection(COLLECTION).bulkWrite(upserts, new BulkWriteOptions().ordered(false));
    }
}
