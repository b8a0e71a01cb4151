package dev.patkit.core;

/**
 * A redirect was refused: to plain http, with a body to another origin, or past the hop limit.
 */
public class RedirectRefusedException extends SafetyRefusedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public RedirectRefusedException(String message, ErrorContext context) {
        super(Reason.REDIRECT, message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public RedirectRefusedException(String message, ErrorContext context, Throwable cause) {
        super(Reason.REDIRECT, message, context, cause);
    }
}
