package dev.patkit.core.internal;

import dev.patkit.core.PatkitListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes events to the caller's listener. What it throws (an exception, a linkage or assertion
 * error) is logged at DEBUG and dropped, so a listener never breaks a call; only errors of the
 * virtual machine itself pass.
 */
final class SafeListener implements PatkitListener {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit.http");

    private final PatkitListener delegate;

    private SafeListener(PatkitListener delegate) {
        this.delegate = delegate;
    }

    static PatkitListener wrap(PatkitListener listener) {
        return listener == PatkitListener.NONE || listener instanceof SafeListener ? listener : new SafeListener(listener);
    }

    @Override
    public void requestSent(String provider, String host, String method, int attempt) {
        try {
            delegate.requestSent(provider, host, method, attempt);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            dropped("requestSent", e);
        }
    }

    @Override
    public void responseReceived(String provider, String host, String method, int status, int attempt, Duration elapsed) {
        try {
            delegate.responseReceived(provider, host, method, status, attempt, elapsed);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            dropped("responseReceived", e);
        }
    }

    @Override
    public void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {
        try {
            delegate.retryScheduled(provider, host, method, nextAttempt, wait);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            dropped("retryScheduled", e);
        }
    }

    @Override
    public void rateLimitWait(String provider, String host, Duration wait) {
        try {
            delegate.rateLimitWait(provider, host, wait);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            dropped("rateLimitWait", e);
        }
    }

    private void dropped(String event, Throwable e) {
        // Only the type: the listener's message is not Patkit's to vouch for.
        LOG.debug("The PatkitListener {} threw {} from {}; ignored", delegate.getClass().getName(),
                e.getClass().getName(), event);
    }
}
