package dev.patkit.core;

/**
 * The request conflicts with the resource's state, for example a name that already exists.
 */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public ConflictException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public ConflictException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
