package dev.patkit.core.internal;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.TransportException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ResponseHeaders;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call through a {@link DefaultHttpPipeline}: every attempt, redirect and wait until the result
 * or a final error. {@link #proceed} lists the stages in order; each decision is a pure function in
 * a file of its own ({@link RetryDecision}, {@link WireRequests}, {@link TransportPolicy},
 * {@link AnswerClassifier}, {@link Redirects}, {@link FailureClassifier}). One attempt is in flight
 * at a time; its exchange runs on a sender thread ({@link Exchange}).
 */
final class Call<T> extends Exchange {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit.http");

    /** Where a call goes next. */
    enum Stage {
        /** Wait out an exhausted rate-limit budget, or fail without sending. */
        BUDGET,
        /** Let the authenticator prepare the credential (same origin, authenticated requests only). */
        CREDENTIAL,
        /** Build the wire request and hand it to a sender thread. */
        SEND,
        /** Nothing to do now: a wait, a credential or an exchange resumes the call, or it has ended. */
        SUSPENDED
    }

    private final PipelineContext shared;
    private final PipelineSpec spec;
    private final PatkitOptions options;
    private final DefaultHttpPipeline pipeline;
    private final ApiRequest<T> request;
    private final ErrorContext context;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private URI uri;
    private String method;
    private byte[] body;
    private boolean sameOrigin = true;
    private int attempt;
    private int hops;
    private boolean rejectionRetried;
    /** Whether the current attempt's JDK timeout is the time left to the deadline (not a shorter attempt timeout). */
    private volatile boolean attemptEndsAtDeadline;
    private LimitedBodyHandler bodyHandler;
    private long sentAt;

    /** Checks and prepares a call (URI, origin, transport, body); a {@link PatkitException} if it must not be sent. */
    Call(PipelineContext shared, PipelineSpec spec, DefaultHttpPipeline pipeline, String basePrefix, ApiRequest<T> request) {
        super(shared, request);
        this.shared = shared;
        this.spec = spec;
        this.options = shared.options();
        this.pipeline = pipeline;
        this.request = request;
        this.context = ErrorContext.of(spec.provider(), request.operation());
        this.uri = WireRequests.resolve(basePrefix, request);
        this.method = request.method();
        TransportPolicy.checkCall(uri, spec.baseUri(), spec.provider(), request.operation(),
                options.allowInsecureHttp(), context);
        JdkSettings.refuseDoubleSend(spec.provider(), request.operation(), request.idempotent(),
                options.allowUnsafeJdkSettings(), context);
        this.body = WireRequests.body(shared.bodyWriter(), request, spec.provider(), context);
        interruptOnCancel(result);
    }

    CompletableFuture<T> start() {
        attempt = 1;
        proceed(Stage.BUDGET);
        return result;
    }

    /**
     * The stages of every attempt, in order: {@code BUDGET} ({@link RetryDecision#beforeAttempt}),
     * {@code CREDENTIAL} (the authenticator's {@code prepare}), {@code SEND} ({@link WireRequests},
     * then the {@link Exchange} on a sender thread under the {@link DeadlineWatchdog} and a
     * {@link LimitedBodyHandler}). The exchange ends in {@link #answered} ({@link AnswerClassifier}:
     * done, a redirect to {@code CREDENTIAL} or {@code SEND}, a renewed credential to
     * {@code CREDENTIAL}, or an error) or {@link #failed} ({@link FailureClassifier}); an error that
     * may be retried waits ({@link RetryDecision#afterFailure}) and comes back here at {@code BUDGET}.
     */
    private void proceed(Stage from) {
        Stage stage = from;
        while (stage != Stage.SUSPENDED && !result.isDone()) {
            stage = switch (stage) {
                case BUDGET -> budget();
                case CREDENTIAL -> credential();
                case SEND -> send();
                case SUSPENDED -> Stage.SUSPENDED;
            };
        }
    }

    private Stage budget() {
        RetryDecision d = RetryDecision.beforeAttempt(pipeline.budget().get(), shared.clock(),
                options.rateLimitPolicy(), remainingNanos(), spec.provider(), request.operation(), context);
        if (d == RetryDecision.SEND_NOW) {
            return Stage.CREDENTIAL;
        }
        if (!d.proceeds()) {
            return fail(d.stop());
        }
        LOG.debug("{}: rate-limit budget exhausted; waiting {} ms before {}", spec.provider(), d.waitFor().toMillis(),
                request.operation());
        shared.listener().rateLimitWait(spec.provider(), uri.getHost(), d.waitFor());
        options.sleeper().sleep(d.waitFor()).whenComplete((v, e) -> proceed(Stage.CREDENTIAL));
        return Stage.SUSPENDED;
    }

    private Stage credential() {
        if (!(sameOrigin && request.authenticated())) {
            return Stage.SEND;
        }
        CompletableFuture<Void> ready = spec.authenticator().prepare();
        if (ready.isDone() && !ready.isCompletedExceptionally()) {
            return Stage.SEND; // the common case: nothing to renew, no callback to allocate
        }
        ready.whenComplete((v, e) -> {
            if (e != null) {
                fail(Futures.unwrap(e));
            } else {
                proceed(Stage.SEND);
            }
        });
        return Stage.SUSPENDED;
    }

    private Stage send() {
        long remaining = remainingNanos();
        if (remaining <= 0) {
            return fail(deadline(attempt > 1 || hops > 0));
        }
        HttpRequest wire;
        try {
            attemptEndsAtDeadline = remaining <= options.attemptTimeout().toNanos();
            wire = WireRequests.build(method, uri, body, Duration.ofNanos(Math.min(remaining, options.attemptTimeout().toNanos())),
                    options.userAgent(), spec.defaultHeaders(), request.headers(), sameOrigin && request.authenticated(),
                    spec.authenticator());
        } catch (RuntimeException e) {
            return fail(e);
        }
        shared.listener().requestSent(spec.provider(), uri.getHost(), method, attempt);
        sentAt = System.nanoTime();
        bodyHandler = new LimitedBodyHandler(options.maxResponseBytes(), context);
        try {
            dispatch(shared.senders(), wire, bodyHandler);
        } catch (RejectedExecutionException e) {
            return fail(new TransportException(spec.provider() + ": '" + request.operation()
                    + "' was not sent: this Patkit is closed", context, e));
        }
        return Stage.SUSPENDED;
    }

    @Override
    boolean ended() {
        return result.isDone();
    }

    @Override
    void exchanged(HttpResponse<byte[]> response, Throwable error) {
        try {
            if (error != null && bodyHandler.failure() != null) {
                fail(CallErrors.tooLarge(spec.provider(), request.operation(), context, bodyHandler, request.idempotent()));
            } else {
                proceed(error != null ? failed(error) : answered(response));
            }
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private Stage answered(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        long took = System.nanoTime() - sentAt;
        shared.listener().responseReceived(spec.provider(), uri.getHost(), method, status, attempt, Duration.ofNanos(took));
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms", method, TransportPolicy.loggable(uri), status, TimeUnit.NANOSECONDS.toMillis(took));
        }
        ResponseHeaders headers = new ResponseHeaders(response.headers());
        Optional<String> id = headers.first("x-request-id");
        ErrorContext responseContext = context.withResponse(status, id.isPresent() ? id : headers.first("x-github-request-id"));
        ApiResponse api = new ApiResponse(status, headers, response.body(), uri, shared.objectMapper(),
                shared.clock(), this::redact, responseContext);
        if (sameOrigin) {
            Optional<RateLimitSnapshot> reported = api.rateLimit();
            if (reported.isPresent()) {
                pipeline.budget().set(reported.get());
            }
        }
        boolean renewed = AnswerClassifier.mayRenew(status, attempt, request.doneOnRetry(),
                sameOrigin && request.authenticated(), rejectionRetried) && spec.authenticator().retryAfterRejection(api);
        switch (AnswerClassifier.classify(status, attempt, request.idempotent(), request.doneOnRetry(), renewed,
                sameOrigin && request.rejectedMapper().isPresent())) {
            case REDIRECT:
                return redirect(status, response);
            case SUCCESS:
                return complete(api);
            case DONE_ON_RETRY:
                LOG.debug("{}: '{}' answered {} on a retry: done before", spec.provider(), request.operation(), status);
                result.complete(request.mapper().map(api));
                return Stage.SUSPENDED;
            case REJECTED_AS_ANSWER:
                result.complete(request.rejectedMapper().orElseThrow().map(api));
                return Stage.SUSPENDED;
            case RENEW_CREDENTIAL:
                rejectionRetried = true;
                LOG.debug("{}: credentials rejected for {}; renewed, sending once more", spec.provider(), request.operation());
                return Stage.CREDENTIAL;
            case AMBIGUOUS:
                return fail(ambiguous("the server answered HTTP " + status + ", which does not say whether it took effect",
                        spec.errorMapper().map(api, responseContext)));
            default:
                PatkitException error = spec.errorMapper().map(api, responseContext);
                if (!AnswerClassifier.retryable(status, request.idempotent(), error instanceof RateLimitedException)) {
                    return fail(error);
                }
                return retry(RetryDecision.hint(error, api.retryAfter().orElse(null)), error);
        }
    }

    /** Maps a 2xx; a change whose answer cannot be read very probably happened, so that is ambiguous. */
    private Stage complete(ApiResponse api) {
        T value;
        try {
            value = request.mapper().map(api);
        } catch (RuntimeException e) {
            return fail(request.idempotent() ? e : ambiguous("the server accepted it (HTTP " + api.status()
                    + ") but its answer could not be read (" + e.getClass().getSimpleName() + ")", e));
        }
        result.complete(value);
        return Stage.SUSPENDED;
    }

    private Stage redirect(int status, HttpResponse<byte[]> response) {
        if (hops >= options.maxRedirects()) {
            return fail(CallErrors.redirectRefused(spec.provider(), request.operation(), context.withStatus(status),
                    "was redirected more than " + options.maxRedirects() + " times"));
        }
        Redirects.Decision d = Redirects.decide(status, response.headers().firstValue("Location"), uri,
                spec.baseUri(), method, body.length > 0, TransportPolicy.mayLeaveOrigin(request));
        if (d.hop() == null) {
            return fail(CallErrors.redirectRefused(spec.provider(), request.operation(), context.withStatus(status),
                    "refused " + d.refusal()));
        }
        hops++;
        uri = d.hop().target();
        method = d.hop().method();
        if (!d.hop().keepBody()) {
            body = WireRequests.noBody();
        }
        boolean wasSameOrigin = sameOrigin;
        sameOrigin = d.hop().sameOrigin();
        try {
            TransportPolicy.check(uri, spec.provider(), options.allowInsecureHttp(), context);
        } catch (InsecureTransportException e) {
            return fail(CallErrors.redirectRefused(spec.provider(), request.operation(), context,
                    "refused a redirect: " + e.getMessage()));
        }
        LOG.debug("{}: following {} to {}{}", spec.provider(), status, TransportPolicy.loggable(uri),
                sameOrigin ? "" : " without credentials (another origin)");
        return sameOrigin && !wasSameOrigin ? Stage.CREDENTIAL : Stage.SEND;
    }

    private Stage failed(Throwable error) {
        Throwable cause = FailureClassifier.unwrap(error);
        LOG.debug("{} {} failed after {} ms: {}", method, TransportPolicy.loggable(uri),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt), cause.getClass().getSimpleName());
        boolean deadlinePassed = timedOut() || remainingNanos() <= 0;
        switch (FailureClassifier.classify(cause, request.idempotent(), deadlinePassed, attemptEndsAtDeadline)) {
            case PATKIT_ERROR:
                return fail(FailureClassifier.patkitCause(cause));
            case DEADLINE:
                return fail(deadline(false));
            case DEADLINE_AMBIGUOUS:
                return fail(deadline(true));
            case AMBIGUOUS:
                return fail(ambiguous("the connection failed after the request may have reached the server", cause));
            default:
                return retry(null, new TransportException(spec.provider() + ": '" + request.operation()
                        + "' failed to reach " + TransportPolicy.origin(uri) + " (" + cause.getClass().getSimpleName()
                        + ")", context, cause));
        }
    }

    private Stage retry(Duration hint, PatkitException lastError) {
        RetryDecision d = RetryDecision.afterFailure(attempt, options.retryPolicy(), hint, remainingNanos(),
                ThreadLocalRandom.current(), lastError);
        if (!d.proceeds()) {
            if (attempt < options.retryPolicy().maxAttempts()) {
                LOG.debug("{}: not retrying {}: the wait of {} ms passes the deadline", spec.provider(),
                        request.operation(), d.waitFor().toMillis());
            }
            return fail(d.stop());
        }
        LOG.debug("{}: retrying {} in {} ms (attempt {} of {})", spec.provider(), request.operation(),
                d.waitFor().toMillis(), attempt + 1, options.retryPolicy().maxAttempts());
        shared.listener().retryScheduled(spec.provider(), uri.getHost(), method, attempt + 1, d.waitFor());
        options.sleeper().sleep(d.waitFor()).whenComplete((v, e) -> {
            if (e != null) {
                fail(Futures.unwrap(e));
            } else {
                attempt++;
                proceed(Stage.BUDGET);
            }
        });
        return Stage.SUSPENDED;
    }

    private String redact(String text) {
        return CallErrors.redact(spec.authenticator(), request.carried(), text);
    }

    /** The deadline passed; {@code maySent}: after the request may have reached the server. */
    private PatkitException deadline(boolean maySent) {
        return maySent ? CallErrors.deadlineAfterSending(spec.provider(), request.operation(), context,
                options.callTimeout(), request.idempotent())
                : CallErrors.deadline(spec.provider(), request.operation(), context, options.callTimeout());
    }

    private AmbiguousOutcomeException ambiguous(String why, Throwable cause) {
        return CallErrors.ambiguous(spec.provider(), request.operation(), context, why, cause);
    }

    private Stage fail(Throwable error) {
        result.completeExceptionally(error);
        return Stage.SUSPENDED;
    }
}
