package dev.patkit.core;

/**
 * A call that changes state (create, rotate, register) was sent, and whether it took effect is
 * unknown: the connection broke or the deadline passed after the request may have reached the
 * server. Patkit never re-sends such a call by itself. The message says what may have happened and
 * how to find out.
 */
public class AmbiguousOutcomeException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what may have happened and how to find out
     * @param context what it was about
     * @param cause the transport failure
     */
    public AmbiguousOutcomeException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
