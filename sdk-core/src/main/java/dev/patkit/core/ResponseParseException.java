package dev.patkit.core;

/**
 * The response could not be parsed. The message names the position, never the values.
 */
public class ResponseParseException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public ResponseParseException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public ResponseParseException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
