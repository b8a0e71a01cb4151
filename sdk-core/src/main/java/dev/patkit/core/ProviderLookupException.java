package dev.patkit.core;

/**
 * No provider, or more than one, matches an id or host. The message lists what was found.
 */
public class ProviderLookupException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     */
    public ProviderLookupException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param cause the cause; never one whose message could quote a secret
     */
    public ProviderLookupException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
