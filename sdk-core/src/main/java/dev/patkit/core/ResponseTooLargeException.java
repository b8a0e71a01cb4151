package dev.patkit.core;

/**
 * The response body was larger than the configured limit.
 */
public class ResponseTooLargeException extends ResponseParseException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public ResponseTooLargeException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public ResponseTooLargeException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
