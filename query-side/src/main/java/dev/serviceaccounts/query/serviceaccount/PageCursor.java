package dev.serviceaccounts.query.serviceaccount;

import dev.serviceaccounts.api.Ids;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of the service-account list ends: the last item's {@code createdAt} and id (the list's
 * order). Sent to clients as an opaque base64url string; a client only hands it back.
 *
 * @param createdAt the last item's creation time (millisecond precision, as stored)
 * @param id        the last item's id
 */
public record PageCursor(Instant createdAt, String id) {

    private static final String VERSION = "1";

    /** @return the opaque form: base64url of {@code 1:<epoch millis>:<id>} */
    public String encode() {
        String plain = VERSION + ":" + createdAt.toEpochMilli() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the cursor {@code encoded} stands for
     * @throws IllegalArgumentException when it is not a cursor this side made
     */
    public static PageCursor decode(String encoded) {
        String plain = new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        String[] parts = plain.split(":", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new PageCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), Ids.requireUuid(parts[2], "cursor id"));
    }
}
