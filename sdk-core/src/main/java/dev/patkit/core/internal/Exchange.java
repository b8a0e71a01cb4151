package dev.patkit.core.internal;

import dev.patkit.core.spi.ApiRequest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The transport stage of a {@link Call}: one attempt at a time sent with the JDK's blocking
 * {@code send} on a sender thread. The deadline bounds the whole exchange, body included: the
 * {@link DeadlineWatchdog} interrupts the sender, which makes the JDK abandon the exchange; so does
 * cancelling the call's future. No interrupt outlives the attempt. A base class rather than a
 * field, so a call allocates no second object for it.
 */
abstract class Exchange implements Runnable {

    private final PipelineContext shared;
    /** The call's deadline, a {@link System#nanoTime()} value. */
    private final long deadlineNanos;
    /** The thread sending the current attempt, to interrupt on cancellation or at the deadline; guarded by this. */
    private Thread sender;
    private volatile boolean timedOut;
    /** The attempt handed to the sender thread (published by the executor's hand-off). */
    private HttpRequest wire;
    private HttpResponse.BodyHandler<byte[]> handler;

    /** Starts the call's clock: its deadline is the call timeout from now, or the request's own when that is earlier. */
    Exchange(PipelineContext shared, ApiRequest<?> request) {
        this.shared = shared;
        long own = System.nanoTime() + shared.options().callTimeout().toNanos();
        this.deadlineNanos = request.deadlineNanos().isPresent() && request.deadlineNanos().getAsLong() - own < 0
                ? request.deadlineNanos().getAsLong() : own;
    }

    /** Interrupts the sender when {@code result} is cancelled. */
    final void interruptOnCancel(CompletableFuture<?> result) {
        result.whenComplete((v, e) -> {
            if (result.isCancelled()) {
                synchronized (this) {
                    if (sender != null) {
                        sender.interrupt(); // the JDK's send abandons the exchange
                    }
                }
            }
        });
    }

    /**
     * Hands one attempt to a sender thread, which then calls {@link #exchanged}.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the senders are shut down
     */
    final void dispatch(Executor senders, HttpRequest request, HttpResponse.BodyHandler<byte[]> bodyHandler) {
        this.wire = request;
        this.handler = bodyHandler;
        senders.execute(this);
    }

    /** @return the time left to the call's deadline, negative once it has passed */
    final long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }

    /** @return whether Patkit's deadline timer interrupted an attempt */
    final boolean timedOut() {
        return timedOut;
    }

    /** @return whether the call has ended (then nothing more is sent) */
    abstract boolean ended();

    /**
     * The end of one exchange, on the sender thread: exactly one of the two is non-null. An
     * interrupt (the deadline or a cancellation) arrives as a {@link CancellationException}.
     */
    abstract void exchanged(HttpResponse<byte[]> response, Throwable error);

    @Override
    public final void run() {
        Thread self = Thread.currentThread();
        synchronized (this) {
            if (ended()) {
                return;
            }
            sender = self;
        }
        DeadlineWatchdog.Entry timer = shared.watchdog().register(deadlineNanos, () -> {
            synchronized (this) {
                if (sender == self) {
                    timedOut = true;
                    self.interrupt();
                }
            }
        });
        HttpResponse<byte[]> response = null;
        Throwable error = null;
        try {
            response = shared.httpClient().send(wire, handler);
        } catch (InterruptedException e) {
            error = new CancellationException(); // only the deadline or a cancellation interrupts a sender
        } catch (IOException | RuntimeException e) {
            error = e;
        } finally {
            synchronized (this) {
                sender = null;
            }
            timer.cancel();
            Thread.interrupted(); // an interrupt meant for this attempt, delivered or pending
        }
        exchanged(response, error);
    }
}
