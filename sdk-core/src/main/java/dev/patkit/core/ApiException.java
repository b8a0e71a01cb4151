package dev.patkit.core;

import java.util.Optional;

/**
 * The service answered, and its answer was an error: the response family of Patkit's exceptions.
 * Subclasses say what the status meant ({@link AuthenticationException} for 401,
 * {@link PermissionException} for 403, {@link NotFoundException}, {@link ConflictException},
 * {@link ValidationException}, {@link RateLimitedException}, {@link ServerException}); each
 * carries the status and the service's request id, for a support ticket.
 *
 * <p>The other families: {@link TransportException} (no usable answer: the network failed, the
 * deadline passed, or the outcome of a change is unknown), {@link SafetyRefusedException}
 * (Patkit refused to send, for the caller's safety), {@link ResponseParseException} (an answer
 * that could not be read), and the client-side ones ({@link InvalidTokenException},
 * {@link UnsupportedCapabilityException}, {@link ProviderLookupException}).
 */
public class ApiException extends PatkitException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about, with the response's status and request id
     */
    public ApiException(String message, ErrorContext context) {
        super(message, context);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what happened and what to do next
     * @param context what it was about, with the response's status and request id
     * @param cause the cause; never one whose message could quote a secret
     */
    public ApiException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }

    /** @return the HTTP status of the answer; 0 when Patkit refused the input before asking the service */
    public int statusCode() {
        return httpStatus();
    }

    /** @return the service's id for the request ({@code X-Request-Id}, {@code X-GitHub-Request-Id}), if it sent one */
    public Optional<String> requestId() {
        return context().requestId();
    }
}
