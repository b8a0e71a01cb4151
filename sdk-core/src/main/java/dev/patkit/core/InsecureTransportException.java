package dev.patkit.core;

/**
 * Credentials would travel over plain http to a host that is not loopback, and the caller did not allow it.
 */
public class InsecureTransportException extends SafetyRefusedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public InsecureTransportException(String message, ErrorContext context) {
        super(Reason.INSECURE_TRANSPORT, message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public InsecureTransportException(String message, ErrorContext context, Throwable cause) {
        super(Reason.INSECURE_TRANSPORT, message, context, cause);
    }
}
