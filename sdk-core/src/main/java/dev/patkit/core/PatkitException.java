package dev.patkit.core;

import java.util.Objects;

/**
 * The root of every exception Patkit throws. Unchecked.
 *
 * <p>Messages say what happened and what to do next; they never contain a token, a request body
 * or a value echoed from a response body. Subclasses say what kind of failure it was.
 */
public class PatkitException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ErrorContext context;

    /**
     * Creates an exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public PatkitException(String message, ErrorContext context, Throwable cause) {
        super(message, cause);
        // Tolerant: an exception being built must never fail in its turn.
        this.context = Objects.requireNonNullElse(context, ErrorContext.NONE);
    }

    /**
     * Creates an exception without a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public PatkitException(String message, ErrorContext context) {
        super(message);
        this.context = Objects.requireNonNullElse(context, ErrorContext.NONE);
    }

    /** @return what the failure was about; {@link ErrorContext#NONE} after Java deserialisation */
    public ErrorContext context() {
        return context == null ? ErrorContext.NONE : context;
    }

    /** @return the provider id */
    public String provider() {
        return context().provider();
    }

    /** @return the HTTP status of the response that caused this, or 0 when there was none */
    public int httpStatus() {
        return context().httpStatus();
    }
}
