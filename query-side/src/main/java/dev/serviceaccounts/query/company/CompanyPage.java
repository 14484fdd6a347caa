package dev.serviceaccounts.query.company;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of the company list, ordered by company id.
 *
 * @param nextCursor the {@code cursor} that fetches the next page; null on the last page
 */
public record CompanyPage(List<CompanyView> items, String nextCursor) {

    private static final String VERSION = "c1:";

    /** @return the first {@code limit} of {@code found} (fetched with one more, to learn whether more exist) */
    static CompanyPage of(List<CompanyView> found, int limit) {
        if (found.size() <= limit) {
            return new CompanyPage(List.copyOf(found), null);
        }
        List<CompanyView> items = List.copyOf(found.subList(0, limit));
        return new CompanyPage(items, encode(items.get(limit - 1).companyId()));
    }

    /** @return the opaque cursor after the company {@code companyId}: base64url of {@code c1:<id>} */
    static String encode(String companyId) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((VERSION + companyId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the company id the cursor {@code encoded} stands for
     * @throws IllegalArgumentException when it is not a cursor of this list
     */
    static String decode(String encoded) {
        String plain = new String(Base64.getUrlDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        if (!plain.startsWith(VERSION) || plain.length() == VERSION.length()) {
            throw new IllegalArgumentException("not a cursor");
        }
        return plain.substring(VERSION.length());
    }
}
