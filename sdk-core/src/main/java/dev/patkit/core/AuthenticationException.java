package dev.patkit.core;

/**
 * The provider did not accept the credentials (HTTP 401): unknown, expired or revoked.
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public AuthenticationException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public AuthenticationException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
