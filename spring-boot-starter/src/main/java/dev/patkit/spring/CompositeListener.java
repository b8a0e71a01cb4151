package dev.patkit.spring;

import dev.patkit.core.PatkitListener;
import java.time.Duration;
import java.util.List;

/** Passes each event to several listeners in order (Patkit wraps it so that none can break a call). */
final class CompositeListener implements PatkitListener {

    private final List<PatkitListener> listeners;

    CompositeListener(List<PatkitListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void requestSent(String provider, String host, String method, int attempt) {
        listeners.forEach(l -> l.requestSent(provider, host, method, attempt));
    }

    @Override
    public void responseReceived(String provider, String host, String method, int status, int attempt, Duration elapsed) {
        listeners.forEach(l -> l.responseReceived(provider, host, method, status, attempt, elapsed));
    }

    @Override
    public void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {
        listeners.forEach(l -> l.retryScheduled(provider, host, method, nextAttempt, wait));
    }

    @Override
    public void rateLimitWait(String provider, String host, Duration wait) {
        listeners.forEach(l -> l.rateLimitWait(provider, host, wait));
    }
}
