package dev.patkit.core.internal;

import dev.patkit.core.PatkitException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLHandshakeException;

/**
 * What the pipeline does when an attempt ends in an exception rather than an answer. A pure
 * function of the exception, the request's idempotency and the deadline's state.
 */
final class FailureClassifier {

    /** What a failed attempt means for the call. */
    enum Outcome {
        /** Patkit's own exception (a refused body, a renewal failure): fail with it as it is. */
        PATKIT_ERROR,
        /** The deadline passed; nothing reached the server, or the request may be sent twice. */
        DEADLINE,
        /** The deadline passed after a change may have reached the server: ambiguous. */
        DEADLINE_AMBIGUOUS,
        /** Nothing was sent (no connection, no TLS session): safe to retry any request. */
        NOT_SENT_RETRY,
        /** The request may have been sent: retry only because it is idempotent. */
        SENT_RETRY_IF_IDEMPOTENT,
        /** A change may have reached the server: never re-sent, reported as ambiguous. */
        AMBIGUOUS
    }

    private FailureClassifier() {}

    /**
     * Classifies a failed attempt.
     *
     * @param error what the send threw (a {@link CompletionException} is looked through)
     * @param idempotent whether the request may be sent twice
     * @param deadlinePassed whether Patkit's deadline fired or no time is left
     * @param attemptEndsAtDeadline whether the attempt's JDK timeout was the time left to the deadline, so
     *     that timeout firing (just before Patkit's own timer) is the deadline too
     * @return the outcome
     */
    static Outcome classify(Throwable error, boolean idempotent, boolean deadlinePassed, boolean attemptEndsAtDeadline) {
        Throwable cause = unwrap(error);
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof PatkitException) {
                return Outcome.PATKIT_ERROR;
            }
        }
        boolean neverSent = neverSent(cause);
        boolean jdkTimeoutAtDeadline = attemptEndsAtDeadline && cause instanceof HttpTimeoutException
                && !(cause instanceof HttpConnectTimeoutException);
        if (deadlinePassed || cause instanceof CancellationException || jdkTimeoutAtDeadline) {
            return neverSent || idempotent ? Outcome.DEADLINE : Outcome.DEADLINE_AMBIGUOUS;
        }
        if (neverSent) {
            return Outcome.NOT_SENT_RETRY;
        }
        return idempotent ? Outcome.SENT_RETRY_IF_IDEMPOTENT : Outcome.AMBIGUOUS;
    }

    /** @return the exception without its {@link CompletionException} wrappers */
    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** @return the first {@link PatkitException} in the cause chain, if any */
    static PatkitException patkitCause(Throwable error) {
        for (Throwable c = unwrap(error); c != null; c = c.getCause()) {
            if (c instanceof PatkitException p) {
                return p;
            }
        }
        return null;
    }

    /** Whether nothing was sent: no connection, or no TLS session to send it over. */
    static boolean neverSent(Throwable error) {
        for (Throwable c = error; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
                    || c instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }
}
