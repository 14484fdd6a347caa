/**
 * Messages shared by the command side and the query side: commands, events, views, value types and
 * error codes. Records only; no Spring, no persistence types (STYLE.md "Messages").
 */
package dev.serviceaccounts.api;
