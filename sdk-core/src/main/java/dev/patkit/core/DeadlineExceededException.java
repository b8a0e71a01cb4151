package dev.patkit.core;

/**
 * The call's overall deadline passed, including any retries and the time to read the body.
 */
public class DeadlineExceededException extends TransportException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public DeadlineExceededException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public DeadlineExceededException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
