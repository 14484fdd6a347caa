/**
 * Messages shared by the command side and the query side: commands, events, views, value types and
 * error codes. Records only; no Spring, no persistence types (docs/decisions.md D1).
 */
package dev.serviceaccounts.api;
