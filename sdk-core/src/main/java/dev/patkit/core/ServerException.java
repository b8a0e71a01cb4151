package dev.patkit.core;

/**
 * The provider failed (HTTP 5xx) or did not finish in time (HTTP 408).
 */
public class ServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public ServerException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public ServerException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
