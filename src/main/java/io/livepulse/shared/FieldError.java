package io.livepulse.shared;

/** One invalid field of a request, as listed under {@code errors} in a problem body. */
public record FieldError(String field, String message) {
}
