package dev.serviceaccounts.support.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.serviceaccounts.api.serviceaccount.ServiceAccountCreatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads a {@link ServiceAccountCreatedEvent} stored without a revision (its JSON named the generated email
 * {@code contactEmail}) as revision {@value ServiceAccountCreatedEvent#REVISION}, whose field is
 * {@code generatedEmail} (docs/decisions.md D36). Any other event, and the event in its current shape, passes
 * untouched.
 */
public class ServiceAccountCreatedEventUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType OLD =
            new SimpleSerializedType(ServiceAccountCreatedEvent.class.getName(), null);
    private static final SimpleSerializedType NEW =
            new SimpleSerializedType(ServiceAccountCreatedEvent.class.getName(), ServiceAccountCreatedEvent.REVISION);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return OLD.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(NEW, JsonNode.class, ServiceAccountCreatedEventUpcaster::renamed);
    }

    private static JsonNode renamed(JsonNode payload) {
        ObjectNode event = (ObjectNode) payload.deepCopy();
        JsonNode email = event.remove("contactEmail");
        if (email != null) {
            event.set("generatedEmail", email);
        }
        return event;
    }
}
