package dev.patkit.core;

/**
 * Patkit refused to do something for the caller's safety, and sent nothing that could leak or
 * repeat: a secret over plain http off loopback, a URL with user info, a redirect that would take
 * a credential's request elsewhere, a JDK setting that could send a change twice. {@link #reason()}
 * says which; the message says what to do instead.
 */
public class SafetyRefusedException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /** Why Patkit refused. */
    public enum Reason {
        /** Secrets would travel over plain http to a host that is not loopback, or in a URL. */
        INSECURE_TRANSPORT,
        /** A redirect was not followed: to another origin, to plain http, too many, or malformed. */
        REDIRECT,
        /** A JDK setting or an option would make a call unsafe (for example sent twice). */
        UNSAFE_CONFIGURATION
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public SafetyRefusedException(Reason reason, String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /**
     * Creates the exception without a cause.
     *
     * @param reason why
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public SafetyRefusedException(Reason reason, String message, ErrorContext context) {
        super(message, context);
        this.reason = java.util.Objects.requireNonNull(reason, "reason");
    }

    /** @return why Patkit refused */
    public Reason reason() {
        return reason;
    }
}
