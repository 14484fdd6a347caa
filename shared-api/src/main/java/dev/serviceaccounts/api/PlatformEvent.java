package dev.serviceaccounts.api;

/**
 * An event of the platform as a whole, in no company: the operator's catalogue (marketplace apps). Every event is
 * either one or a {@code CompanyScopedEvent} (a test enumerates them); the audit history records a platform event
 * without a company (docs/decisions.md D48).
 */
public interface PlatformEvent {
}
