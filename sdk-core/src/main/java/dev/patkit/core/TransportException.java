package dev.patkit.core;

/**
 * No usable answer came: the transport family of Patkit's exceptions. This class itself means the
 * request could not be carried out over the network (connection refused or reset, TLS failure);
 * {@link DeadlineExceededException} means the call's deadline passed, and
 * {@link AmbiguousOutcomeException} that a change may or may not have taken effect. For answers
 * that were errors, see {@link ApiException}.
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
