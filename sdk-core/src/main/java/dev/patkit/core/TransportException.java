package dev.patkit.core;

/**
 * The request could not be carried out over the network: connection refused, reset, TLS failure.
 */
public class TransportException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public TransportException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public TransportException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
