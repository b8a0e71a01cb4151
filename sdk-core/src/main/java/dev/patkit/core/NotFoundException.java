package dev.patkit.core;

/**
 * The resource does not exist, or the credentials may not see it (HTTP 404).
 */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public NotFoundException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public NotFoundException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
