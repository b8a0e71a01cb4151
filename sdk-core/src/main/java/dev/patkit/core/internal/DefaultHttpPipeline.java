package dev.patkit.core.internal;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.DeadlineExceededException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.TransportException;
import dev.patkit.core.UnsafeConfigurationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.MapOutgoingRequest;
import dev.patkit.core.spi.OutgoingRequest;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ResponseHeaders;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline every provider client sends through. See {@link HttpPipeline} for the promises. */
public final class DefaultHttpPipeline implements HttpPipeline {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit.http");

    /** Headers that carry credentials; never sent to another origin. */
    static final Set<String> CREDENTIAL_HEADERS = caseInsensitive(
            "Authorization", "PRIVATE-TOKEN", "JOB-TOKEN", "X-Auth-Token", "Cookie", "Proxy-Authorization",
            "X-Security-Token");

    private final PatkitRuntime runtime;
    private final PipelineSpec spec;
    private final PatkitOptions options;
    private final dev.patkit.core.PatkitListener events;
    private final AtomicReference<RateLimitSnapshot> ownBudget = new AtomicReference<>();
    private volatile String sharedBudgetKey;
    /** The API base without trailing slashes, which every relative request path is appended to. */
    private final String basePrefix;

    DefaultHttpPipeline(PatkitRuntime runtime, PipelineSpec spec) {
        this.runtime = runtime;
        this.spec = spec;
        this.options = runtime.options();
        this.events = SafeListener.wrap(options.listener());
        URI base = spec.baseUri();
        if (base.getScheme() == null || base.getHost() == null || !base.isAbsolute()) {
            throw new IllegalArgumentException("The API base must be an absolute http(s) URI with a host");
        }
        String prefix = base.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        this.basePrefix = prefix;
    }

    @Override
    public URI baseUri() {
        return spec.baseUri();
    }

    @Override
    public long newDeadline() {
        return System.nanoTime() + options.callTimeout().toNanos();
    }

    @Override
    public Optional<RateLimitSnapshot> rateLimit() {
        String key = sharedBudgetKey;
        return Optional.ofNullable(key == null ? ownBudget.get() : runtime.budget(key).get());
    }

    @Override
    public void useBudget(String key) {
        String full = spec.provider() + "|" + origin(spec.baseUri()) + "|" + key;
        RateLimitSnapshot current = ownBudget.get();
        if (current != null) {
            // The newer report wins: this client's own snapshot may be fresher than the shared one.
            runtime.budget(full).accumulateAndGet(current, (shared, own) ->
                    shared == null || !own.observedAt().isBefore(shared.observedAt()) ? own : shared);
        }
        this.sharedBudgetKey = full;
    }

    private AtomicReference<RateLimitSnapshot> budget() {
        String key = sharedBudgetKey;
        return key == null ? ownBudget : runtime.budget(key);
    }

    @Override
    public <T> CompletableFuture<T> send(ApiRequest<T> request) {
        try {
            return new Call<>(request).start();
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
                    + origin(probe.uri()) + "; this client only authenticates requests to " + origin(spec.baseUri()), ctx);
        }
        checkTransport(probe.uri(), ctx);
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

    private void checkTransport(URI uri, ErrorContext ctx) {
        TransportPolicy.check(uri, spec.provider(), options.allowInsecureHttp(), ctx);
    }

    static String origin(URI uri) {
        return TransportPolicy.origin(uri);
    }

    static String loggable(URI uri) {
        return TransportPolicy.loggable(uri);
    }

    private URI resolve(ApiRequest<?> request) {
        if (request.absoluteUri().isPresent()) {
            return request.absoluteUri().get();
        }
        StringBuilder sb = new StringBuilder(basePrefix.length() + request.path().length() + 32).append(basePrefix)
                .append(request.path());
        char sep = '?';
        for (Map.Entry<String, List<String>> e : request.queryValues().entrySet()) {
            for (String value : e.getValue()) {
                sb.append(sep).append(encode(e.getKey())).append('=').append(encode(value));
                sep = '&';
            }
        }
        try {
            return URI.create(sb.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The request path is not a valid URI path (encode ids with ApiRequest.segment)");
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Set<String> caseInsensitive(String... names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Collections.addAll(set, names);
        return Collections.unmodifiableSet(set);
    }

    /** One call: every attempt, redirect and wait until the result or a final error. */
    private final class Call<T> {
        private final ApiRequest<T> request;
        private final ErrorContext context;
        private final long startNanos = System.nanoTime();
        private final long deadlineNanos;
        private final CompletableFuture<T> result = new CompletableFuture<>();
        private URI uri;
        private String method;
        private byte[] body;
        private boolean sameOrigin = true;
        private int attempt;
        private int hops;
        private boolean rejectionRetried;
        private volatile boolean timedOut;
        /** Whether the current attempt's JDK timeout is the time left to the deadline (not a shorter attempt timeout). */
        private volatile boolean attemptEndsAtDeadline;
        /** The thread sending the current attempt, to interrupt on cancellation or at the deadline; guarded by this. */
        private Thread sender;

        Call(ApiRequest<T> request) {
            this.request = request;
            this.context = ErrorContext.of(spec.provider(), request.operation());
            long own = startNanos + options.callTimeout().toNanos();
            this.deadlineNanos = request.deadlineNanos().isPresent() && request.deadlineNanos().getAsLong() - own < 0
                    ? request.deadlineNanos().getAsLong() : own;
            this.uri = resolve(request);
            this.method = request.method();
            if (!Redirects.sameOrigin(uri, spec.baseUri())) {
                throw new InsecureTransportException(spec.provider() + ": '" + request.operation()
                        + "' would go to another origin than the client's API base", context);
            }
            checkTransport(uri, context);
            if (!request.idempotent() && JdkSettings.allMethodRetryEnabled() && !options.allowUnsafeJdkSettings()) {
                throw new UnsafeConfigurationException(spec.provider() + ": refusing to run '" + request.operation()
                        + "' because jdk.httpclient.enableAllMethodRetry is set: the JDK could send it twice. Unset it,"
                        + " or accept the risk with PatkitOptions.allowUnsafeJdkSettings(true).", context);
            }
            this.body = serialise(request);
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

        private byte[] serialise(ApiRequest<T> request) {
            if (request.jsonBody().isEmpty()) {
                return new byte[0];
            }
            try {
                return runtime.bodyWriter().writeValueAsBytes(request.jsonBody().get());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                // Not attached: the message may quote the body, which may hold a token.
                throw new PatkitException(spec.provider() + ": could not write the request body of '"
                        + request.operation() + "' as JSON (" + e.getClass().getSimpleName() + ")", context);
            }
        }

        CompletableFuture<T> start() {
            nextAttempt();
            return result;
        }

        private long remainingNanos() {
            return deadlineNanos - System.nanoTime();
        }

        private void nextAttempt() {
            attempt++;
            Instant now = runtime.clock().instant();
            RateLimitSnapshot snapshot = budget().get();
            if (snapshot != null && snapshot.exhaustedAt(now)) {
                Instant reset = snapshot.resetAt().orElseThrow();
                Duration wait = Duration.between(now, reset).plusSeconds(1);
                if (options.rateLimitPolicy() == RateLimitPolicy.FAIL_FAST || wait.toNanos() > remainingNanos()) {
                    fail(new RateLimitedException(spec.provider() + ": the rate-limit budget is exhausted until " + reset
                            + "; '" + request.operation() + "' was not sent"
                            + (options.rateLimitPolicy() == RateLimitPolicy.FAIL_FAST ? "" : " because the wait passes the call's deadline"),
                            context, Optional.of(wait), Optional.of(reset)));
                    return;
                }
                LOG.debug("{}: rate-limit budget exhausted; waiting {} ms before {}", spec.provider(), wait.toMillis(),
                        request.operation());
                events.rateLimitWait(spec.provider(), uri.getHost(), wait);
                options.sleeper().sleep(wait).whenComplete((v, e) -> prepareAndSend());
                return;
            }
            prepareAndSend();
        }

        private void prepareAndSend() {
            CompletableFuture<Void> ready = sameOrigin && request.authenticated()
                    ? spec.authenticator().prepare() : CompletableFuture.completedFuture(null);
            ready.whenComplete((v, e) -> {
                if (e != null) {
                    fail(Futures.unwrap(e));
                } else {
                    sendOnce();
                }
            });
        }

        private void sendOnce() {
            if (result.isDone()) {
                return;
            }
            long remaining = remainingNanos();
            if (remaining <= 0) {
                fail(deadlineFailure(attempt > 1 || hops > 0));
                return;
            }
            HttpRequest httpRequest;
            try {
                attemptEndsAtDeadline = remaining <= options.attemptTimeout().toNanos();
                httpRequest = build(Duration.ofNanos(Math.min(remaining, options.attemptTimeout().toNanos())));
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            events.requestSent(spec.provider(), uri.getHost(), method, attempt);
            long sentAt = System.nanoTime();
            LimitedBodyHandler bodyHandler = new LimitedBodyHandler(options.maxResponseBytes(), context);
            try {
                runtime.senders().execute(() -> sendOnSender(httpRequest, bodyHandler, sentAt));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                fail(new TransportException(spec.provider() + ": '" + request.operation()
                        + "' was not sent: this Patkit is closed", context, e));
            }
        }

        /**
         * Sends one attempt with the JDK's blocking {@code send} on a sender thread and handles the
         * answer there. The deadline bounds the whole exchange, body included: the watchdog
         * interrupts this thread, which makes the JDK abandon the exchange; so does cancelling the
         * call. No interrupt outlives the attempt.
         */
        private void sendOnSender(HttpRequest httpRequest, LimitedBodyHandler bodyHandler, long sentAt) {
            Thread self = Thread.currentThread();
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                sender = self;
            }
            DeadlineWatchdog.Entry timer = runtime.watchdog().register(deadlineNanos, () -> {
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
                response = runtime.httpClient().send(httpRequest, bodyHandler);
            } catch (InterruptedException e) {
                error = new CancellationException(); // only the deadline or a cancellation interrupts a sender
            } catch (java.io.IOException | RuntimeException e) {
                error = e;
            } finally {
                synchronized (this) {
                    sender = null;
                }
                timer.cancel();
                Thread.interrupted(); // an interrupt meant for this attempt, delivered or pending
            }
            try {
                if (error != null && bodyHandler.failure() != null) {
                    fail(bodyFailure(bodyHandler));
                } else if (error != null) {
                    onFailure(error, sentAt);
                } else {
                    onResponse(response, sentAt);
                }
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        private HttpRequest build(Duration timeout) {
            MapOutgoingRequest out = new MapOutgoingRequest(method, uri, body);
            out.header("User-Agent", options.userAgent());
            out.header("Accept", "application/json");
            spec.defaultHeaders().forEach(out::header);
            request.headers().forEach(out::header);
            if (body.length > 0 && out.headers().keySet().stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
                out.header("Content-Type", "application/json");
            }
            if (sameOrigin && request.authenticated()) {
                spec.authenticator().authenticate(out);
            } else {
                out.headers().keySet().removeIf(CREDENTIAL_HEADERS::contains);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (uri.getScheme().equalsIgnoreCase("http")) {
                // No h2c upgrade on plain http: see PatkitOptions.Builder#httpClient.
                b.version(java.net.http.HttpClient.Version.HTTP_1_1);
            }
            for (Map.Entry<String, String> h : out.headers().entrySet()) {
                try {
                    b.header(h.getKey(), h.getValue());
                } catch (IllegalArgumentException e) {
                    // The JDK's message quotes the value, which may be a token: never pass it on.
                    throw new InvalidTokenException("The value of header " + h.getKey()
                            + " holds characters HTTP headers do not allow");
                }
            }
            return b.build();
        }

        private void onResponse(HttpResponse<byte[]> response, long sentAt) {
            int status = response.statusCode();
            events.responseReceived(spec.provider(), uri.getHost(), method, status, attempt, Duration.ofNanos(System.nanoTime() - sentAt));
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} -> {} in {} ms", method, loggable(uri), status,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt));
            }
            Optional<String> requestId = response.headers().firstValue("x-request-id")
                    .or(() -> response.headers().firstValue("x-github-request-id"));
            ErrorContext responseContext = context.withResponse(status, requestId);
            ApiResponse api = new ApiResponse(status, new ResponseHeaders(response.headers()), response.body(), uri,
                    runtime.objectMapper(), runtime.clock(), this::redact, responseContext);
            if (sameOrigin) {
                api.rateLimit().ifPresent(s -> budget().set(s));
            }
            if (Redirects.isRedirect(status)) {
                redirect(status, response);
                return;
            }
            if (status >= 200 && status < 300) {
                complete(api);
                return;
            }
            if (attempt > 1 && request.doneOnRetry().contains(status)) {
                LOG.debug("{}: '{}' answered {} on a retry: an earlier attempt took effect", spec.provider(),
                        request.operation(), status);
                result.complete(request.mapper().map(api));
                return;
            }
            if (sameOrigin && request.authenticated() && !rejectionRetried
                    && spec.authenticator().retryAfterRejection(api)) {
                rejectionRetried = true;
                LOG.debug("{}: credentials rejected for {}; renewed, sending once more", spec.provider(), request.operation());
                prepareAndSend();
                return;
            }
            PatkitException error = spec.errorMapper().map(api, responseContext);
            if (!request.idempotent() && status >= 500) {
                // A 5xx says nothing about whether the change happened (a gateway's 502 or 504 often
                // comes while the server goes on working): never a plain error, never re-sent.
                fail(ambiguous("the server answered HTTP " + status + ", which does not say whether it took effect", error));
                return;
            }
            boolean retryable = request.idempotent()
                    && (status == 408 || status == 429 || status >= 500 || error instanceof RateLimitedException);
            if (retryable && attempt < options.retryPolicy().maxAttempts()) {
                Duration hint = error instanceof RateLimitedException rl
                        ? rl.retryAfter().orElse(null) : api.retryAfter().orElse(null);
                retryLater(hint, error);
            } else {
                fail(error);
            }
        }

        /** Maps a 2xx; a change whose answer cannot be read very probably happened, so that is ambiguous. */
        private void complete(ApiResponse api) {
            T value;
            try {
                value = request.mapper().map(api);
            } catch (RuntimeException e) {
                fail(request.idempotent() ? e : ambiguous("the server accepted it (HTTP " + api.status()
                        + ") but its answer could not be read (" + e.getClass().getSimpleName() + ")", e));
                return;
            }
            result.complete(value);
        }

        /** A refused (too large) body: for a change answered 2xx or 5xx, the outcome is unknown. */
        private PatkitException bodyFailure(LimitedBodyHandler handler) {
            int status = handler.status();
            boolean unknown = !request.idempotent() && ((status >= 200 && status < 300) || status >= 500);
            return unknown ? ambiguous("the server answered HTTP " + status + " with a body too large to read",
                    handler.failure()) : handler.failure();
        }

        /** Removes the client's credentials and the secrets the request carries from server text. */
        private String redact(String text) {
            String out = spec.authenticator().redact(text);
            for (dev.patkit.core.Token t : request.carried()) {
                if (out != null) {
                    out = out.replace(t.reveal(), "***");
                }
            }
            return out;
        }

        private void redirect(int status, HttpResponse<byte[]> response) {
            if (hops >= options.maxRedirects()) {
                fail(new RedirectRefusedException(spec.provider() + ": '" + request.operation() + "' was redirected more than "
                        + options.maxRedirects() + " times", context.withStatus(status)));
                return;
            }
            Redirects.Decision d = Redirects.decide(status, response.headers().firstValue("Location"), uri,
                    spec.baseUri(), method, body.length > 0, mayLeaveOrigin());
            if (d.hop() == null) {
                fail(new RedirectRefusedException(spec.provider() + ": '" + request.operation() + "' refused " + d.refusal(),
                        context.withStatus(status)));
                return;
            }
            hops++;
            uri = d.hop().target();
            method = d.hop().method();
            if (!d.hop().keepBody()) {
                body = new byte[0];
            }
            boolean wasSameOrigin = sameOrigin;
            sameOrigin = d.hop().sameOrigin();
            try {
                checkTransport(uri, context);
            } catch (InsecureTransportException e) {
                fail(new RedirectRefusedException(spec.provider() + ": '" + request.operation()
                        + "' refused a redirect: " + e.getMessage(), context));
                return;
            }
            LOG.debug("{}: following {} to {}{}", spec.provider(), status, loggable(uri),
                    sameOrigin ? "" : " without credentials (another origin)");
            if (sameOrigin && !wasSameOrigin) {
                prepareAndSend();
            } else {
                sendOnce();
            }
        }

        private void onFailure(Throwable error, long sentAt) {
            Throwable cause = error;
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            LOG.debug("{} {} failed after {} ms: {}", method, loggable(uri),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt), cause.getClass().getSimpleName());
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof PatkitException p) {
                    fail(p);
                    return;
                }
            }
            boolean neverSent = isConnectFailure(cause);
            // The JDK's own request timeout is set to the time left, so it can fire just before
            // Patkit's deadline timer does: a failure with no time left, or that timeout firing, is
            // the deadline too.
            boolean jdkTimeoutAtDeadline = attemptEndsAtDeadline && cause instanceof java.net.http.HttpTimeoutException
                    && !(cause instanceof HttpConnectTimeoutException);
            if (timedOut || cause instanceof CancellationException || remainingNanos() <= 0 || jdkTimeoutAtDeadline) {
                fail(neverSent ? new DeadlineExceededException(deadlineMessage(), context) : deadlineFailure(true));
                return;
            }
            TransportException transport = new TransportException(spec.provider() + ": '" + request.operation()
                    + "' failed to reach " + origin(uri) + " (" + cause.getClass().getSimpleName() + ")", context, cause);
            if ((neverSent || request.idempotent()) && attempt < options.retryPolicy().maxAttempts()) {
                retryLater(null, transport);
            } else if (!neverSent && !request.idempotent()) {
                fail(ambiguous("the connection failed after the request may have reached the server", cause));
            } else {
                fail(transport);
            }
        }

        private boolean isConnectFailure(Throwable t) {
            for (Throwable c = t; c != null; c = c.getCause()) {
                // Nothing was sent: no connection, or no TLS session to send it over.
                if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException
                        || c instanceof javax.net.ssl.SSLHandshakeException) {
                    return true;
                }
            }
            return false;
        }

        private void retryLater(Duration hint, PatkitException lastError) {
            long cap = Math.min(options.retryPolicy().maxDelay().toMillis(),
                    options.retryPolicy().baseDelay().toMillis() << Math.min(attempt - 1, 20));
            long jitter = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
            Duration wait = Duration.ofMillis(jitter);
            if (hint != null && hint.compareTo(wait) > 0) {
                wait = hint;
            }
            if (wait.toNanos() >= remainingNanos()) {
                LOG.debug("{}: not retrying {}: the wait of {} ms passes the deadline", spec.provider(),
                        request.operation(), wait.toMillis());
                fail(lastError);
                return;
            }
            LOG.debug("{}: retrying {} in {} ms (attempt {} of {})", spec.provider(), request.operation(),
                    wait.toMillis(), attempt + 1, options.retryPolicy().maxAttempts());
            events.retryScheduled(spec.provider(), uri.getHost(), method, attempt + 1, wait);
            options.sleeper().sleep(wait).whenComplete((v, e) -> {
                if (e != null) {
                    fail(Futures.unwrap(e));
                } else {
                    nextAttempt();
                }
            });
        }

        private PatkitException deadlineFailure(boolean maySent) {
            if (!request.idempotent() && maySent) {
                return ambiguous("the deadline passed after the request may have reached the server",
                        new DeadlineExceededException(deadlineMessage(), context));
            }
            return new DeadlineExceededException(deadlineMessage(), context);
        }

        private String deadlineMessage() {
            return spec.provider() + ": '" + request.operation() + "' did not finish within its deadline of "
                    + options.callTimeout().toMillis() + " ms";
        }

        private AmbiguousOutcomeException ambiguous(String why, Throwable cause) {
            ErrorContext ctx = cause instanceof PatkitException p && p.httpStatus() > 0 ? p.context() : context;
            return new AmbiguousOutcomeException(spec.provider() + ": the outcome of '" + request.operation()
                    + "' is unknown: " + why + ". Patkit did not send it again. Check the current state (for example"
                    + " list the tokens) before retrying.", ctx, cause);
        }

        private boolean mayLeaveOrigin() {
            return TransportPolicy.mayLeaveOrigin(request);
        }

        private void fail(Throwable error) {
            result.completeExceptionally(error);
        }
    }
}
