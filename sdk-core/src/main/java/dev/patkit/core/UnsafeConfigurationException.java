package dev.patkit.core;

/**
 * The JVM is configured in a way that could replay or expose requests, and the caller did not allow it.
 */
public class UnsafeConfigurationException extends SafetyRefusedException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public UnsafeConfigurationException(String message, ErrorContext context) {
        super(Reason.UNSAFE_CONFIGURATION, message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public UnsafeConfigurationException(String message, ErrorContext context, Throwable cause) {
        super(Reason.UNSAFE_CONFIGURATION, message, context, cause);
    }
}
