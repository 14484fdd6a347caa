package dev.serviceaccounts.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An event's payload as the audit history shows it: the event record as JSON (instants ISO-8601, ids as their
 * bare value rather than {@code {"value":…}}), with the value of every property whose name contains
 * {@code hash} (a {@code HashedSecret}'s {@code hash}, and any such field an event adds later) replaced by
 * {@value #REDACTED}: a secret's hash never leaves the event store (docs/design.md §3, invariant 5).
 */
public final class AuditPayloads {

    /** What a redacted value reads. */
    public static final String REDACTED = "[redacted]";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private AuditPayloads() {
    }

    /** @return {@code event} as JSON text, redacted */
    public static String redacted(Object event) {
        return tidy(JSON.valueToTree(event)).toString();
    }

    private static JsonNode tidy(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.get("value") instanceof TextNode value) {
                return value;
            }
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            object.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> field : fields) {
                object.set(field.getKey(), field.getKey().toLowerCase(Locale.ROOT).contains("hash")
                        && !field.getValue().isNull() ? TextNode.valueOf(REDACTED) : tidy(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, tidy(array.get(i)));
            }
        }
        return node;
    }
}
