package dev.serviceaccounts.api.directory;

/** A company-directory contact as shown with its service account: its id and its email. */
public record ContactView(String id, String email) {
}
