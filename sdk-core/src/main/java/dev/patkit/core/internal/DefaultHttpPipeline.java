package dev.patkit.core.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.MapOutgoingRequest;
import dev.patkit.core.spi.OutgoingRequest;
import dev.patkit.core.spi.PipelineSpec;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The pipeline every provider client sends through. See {@link HttpPipeline} for the promises.
 *
 * <p>A call's stages, in order (each in a file named for it; {@link Call#proceed} runs them):
 * <ol>
 *   <li>{@link WireRequests#resolve} and {@link TransportPolicy#check}: where the call may go;
 *   <li>{@link WireRequests#body}: the JSON body, {@code Token}s written as their value;
 *   <li>{@link RetryDecision#beforeAttempt}: an exhausted rate-limit budget is waited out or fails the call;
 *   <li>the authenticator's {@code prepare()}: a credential renewed before it is used;
 *   <li>{@link WireRequests#build}: headers and credential, for this attempt and hop;
 *   <li>the exchange on a sender thread, bounded by the {@link DeadlineWatchdog} and a {@link LimitedBodyHandler};
 *   <li>{@link AnswerClassifier} for an answer ({@link Redirects} for a redirect, the request's mapper, the
 *       provider's error mapper), {@link FailureClassifier} for an exception;
 *   <li>{@link RetryDecision#afterFailure}: wait and go back to the budget, or stop.
 * </ol>
 * Lists go through the {@link Paginator}, one call per page. The pipeline knows only its
 * {@link PipelineContext}, never the runtime that owns it.
 */
public final class DefaultHttpPipeline implements HttpPipeline {

    private final PipelineContext shared;
    private final PipelineSpec spec;
    private final AtomicReference<RateLimitSnapshot> ownBudget = new AtomicReference<>();
    private volatile String sharedBudgetKey;
    /** The API base without trailing slashes, which every relative request path is appended to. */
    private final String basePrefix;

    DefaultHttpPipeline(PipelineContext shared, PipelineSpec spec) {
        this.shared = shared;
        this.spec = spec;
        this.basePrefix = WireRequests.basePrefix(spec.baseUri());
    }

    @Override
    public URI baseUri() {
        return spec.baseUri();
    }

    @Override
    public long newDeadline() {
        return System.nanoTime() + shared.options().callTimeout().toNanos();
    }

    @Override
    public Optional<RateLimitSnapshot> rateLimit() {
        return Optional.ofNullable(budget().get());
    }

    @Override
    public void useBudget(String key) {
        String full = spec.provider() + "|" + TransportPolicy.origin(spec.baseUri()) + "|" + key;
        RateLimitSnapshot current = ownBudget.get();
        if (current != null) {
            // The newer report wins: this client's own snapshot may be fresher than the shared one.
            shared.budget(full).accumulateAndGet(current, (sharedOne, own) ->
                    sharedOne == null || !own.observedAt().isBefore(sharedOne.observedAt()) ? own : sharedOne);
        }
        this.sharedBudgetKey = full;
    }

    /** @return this client's rate-limit budget: its own, or the one shared under {@link #useBudget}'s key */
    AtomicReference<RateLimitSnapshot> budget() {
        String key = sharedBudgetKey;
        return key == null ? ownBudget : shared.budget(key);
    }

    @Override
    public <T> CompletableFuture<T> send(ApiRequest<T> request) {
        try {
            return new Call<>(shared, spec, this, basePrefix, request).start();
        } catch (PatkitException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <T> Stream<T> paginate(ApiRequest<List<T>> first) {
        return StreamSupport.stream(new Paginator<>(this, spec, first), false);
    }

    @Override
    public HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        HttpRequest probe;
        try {
            probe = request.copy().build();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("The request builder has no URI", e);
        }
        ErrorContext ctx = ErrorContext.of(spec.provider(), "authenticate a request");
        if (probe.uri().getRawUserInfo() != null) {
            throw new InsecureTransportException(spec.provider() + ": refusing to authenticate a request whose URI holds"
                    + " user info (user:password@); Patkit never puts credentials in a URL. Remove it from the URI.", ctx);
        }
        if (!Redirects.sameOrigin(probe.uri(), spec.baseUri())) {
            throw new InsecureTransportException(spec.provider() + ": refusing to attach credentials to a request for another origin, "
                    + TransportPolicy.origin(probe.uri()) + "; this client only authenticates requests to " + TransportPolicy.origin(spec.baseUri()), ctx);
        }
        TransportPolicy.check(probe.uri(), spec.provider(), shared.options().allowInsecureHttp(), ctx);
        OutgoingRequest out = new MapOutgoingRequest(probe.method(), probe.uri(), new byte[0]) {
            @Override
            public boolean bodyKnown() {
                return probe.bodyPublisher().map(p -> p.contentLength() == 0).orElse(true);
            }

            @Override
            public void header(String name, String value) {
                super.header(name, value);
                try {
                    request.setHeader(name, value);
                } catch (IllegalArgumentException e) {
                    throw new InvalidTokenException("A credential holds characters HTTP headers do not allow");
                }
            }
        };
        spec.authenticator().authenticate(out);
        return request;
    }
}
