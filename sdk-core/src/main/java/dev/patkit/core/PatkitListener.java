package dev.patkit.core;

import java.time.Duration;

/**
 * Hears what the HTTP pipeline does, for metrics and tracing: requests sent and answered, retries
 * scheduled and waits for a rate-limit budget. Set one with {@link PatkitOptions.Builder#listener}.
 *
 * <p>Events carry only what is safe to record anywhere: the provider id, the host (no path, no
 * query), the HTTP method, the status, the attempt number and durations. Never a header, a body, a
 * URL or a token.
 *
 * <p>Every method has an empty default. Methods are called on the threads that run the call, so
 * they must be quick and thread-safe. A listener that throws does not break the call: the error is
 * logged at DEBUG and dropped.
 */
public interface PatkitListener {

    /** A listener that does nothing: the default. */
    PatkitListener NONE = new PatkitListener() {};

    /**
     * An attempt is about to be sent.
     *
     * @param provider the provider id, for example {@code gitlab}
     * @param host the host the attempt goes to
     * @param method the HTTP method
     * @param attempt the attempt number, from 1
     */
    default void requestSent(String provider, String host, String method, int attempt) {}

    /**
     * An attempt was answered (any status, redirects included).
     *
     * @param provider the provider id
     * @param host the host that answered
     * @param method the HTTP method
     * @param status the HTTP status
     * @param attempt the attempt number, from 1
     * @param elapsed the time from sending to the answer's headers and body
     */
    default void responseReceived(String provider, String host, String method, int status, int attempt,
            Duration elapsed) {}

    /**
     * A failed attempt will be retried after a wait.
     *
     * @param provider the provider id
     * @param host the host of the failed attempt
     * @param method the HTTP method
     * @param nextAttempt the number of the attempt that will follow
     * @param wait how long the pipeline waits before it
     */
    default void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {}

    /**
     * The provider's rate-limit budget is exhausted and the call waits for it to reset.
     *
     * @param provider the provider id
     * @param host the host the call goes to
     * @param wait how long the call waits
     */
    default void rateLimitWait(String provider, String host, Duration wait) {}
}
