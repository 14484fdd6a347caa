package dev.serviceaccounts.query.marketplace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of the marketplace app list, ordered by name, then id.
 *
 * @param nextCursor the {@code cursor} that fetches the next page; null on the last page
 */
public record MarketplaceAppPage(List<MarketplaceAppView> items, String nextCursor) {

    private static final String VERSION = "m1:";
    /** Between name and id in a cursor: a control character, which neither may hold ({@code Names}). */
    private static final char SEPARATOR = '\u0000';

    /** @return the first {@code limit} of {@code found} (fetched with one more, to learn whether more exist) */
    static MarketplaceAppPage of(List<MarketplaceAppView> found, int limit) {
        if (found.size() <= limit) {
            return new MarketplaceAppPage(List.copyOf(found), null);
        }
        List<MarketplaceAppView> items = List.copyOf(found.subList(0, limit));
        MarketplaceAppView last = items.get(limit - 1);
        return new MarketplaceAppPage(items, encode(new After(last.name(), last.id())));
    }

    /** @return the opaque cursor after {@code after}: base64url of {@code m1:<name>NUL<id>} */
    static String encode(After after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (VERSION + after.name() + SEPARATOR + after.id()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the app the cursor {@code encoded} stands for
     * @throws IllegalArgumentException when it is not a cursor of this list
     */
    static After decode(String encoded) {
        String plain = new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        int separator = plain.indexOf(SEPARATOR);
        if (!plain.startsWith(VERSION) || separator < 0 || separator == plain.length() - 1) {
            throw new IllegalArgumentException("not a cursor");
        }
        return new After(plain.substring(VERSION.length(), separator), plain.substring(separator + 1));
    }

    /** The last app of the previous page: the list goes on after its name and id. */
    record After(String name, String id) {
    }
}
