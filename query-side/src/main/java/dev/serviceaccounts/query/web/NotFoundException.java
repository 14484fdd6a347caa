package dev.serviceaccounts.query.web;

/** An id that does not exist or that the caller may not see: answered 404 (docs/design.md §4). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found", null, false, false);
    }
}
