package dev.serviceaccounts.query.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of the audit history ends: the last entry's sort key (docs/decisions.md D32). Sent to clients as
 * an opaque base64url string; a client only hands it back.
 *
 * @param sortKey the last entry's sort key
 */
public record AuditCursor(long sortKey) {

    private static final String PREFIX = "a1:";

    /** @return the opaque form: base64url of {@code a1:<sort key>} */
    public String encode() {
        byte[] plain = (PREFIX + sortKey).getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain);
    }

    /**
     * @return the cursor {@code encoded} stands for
     * @throws IllegalArgumentException when it is not a cursor of the history
     */
    public static AuditCursor decode(String encoded) {
        String plain = new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        if (!plain.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a cursor");
        }
        long sortKey = Long.parseLong(plain.substring(PREFIX.length()));
        if (sortKey < 0) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new AuditCursor(sortKey);
    }
}
