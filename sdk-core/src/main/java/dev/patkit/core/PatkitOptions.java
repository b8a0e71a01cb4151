package dev.patkit.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting of a {@link Patkit} instance and the clients it creates. Immutable; build with
 * {@link #builder()}. Each builder method documents its default.
 */
public final class PatkitOptions {

    private final URI baseUri;
    private final Duration connectTimeout;
    private final Duration attemptTimeout;
    private final Duration callTimeout;
    private final RetryPolicy retryPolicy;
    private final RateLimitPolicy rateLimitPolicy;
    private final String userAgent;
    private final Clock clock;
    private final HttpClient httpClient;
    private final ObjectMapper objectMapper;
    private final Sleeper sleeper;
    private final int maxRedirects;
    private final int maxResponseBytes;
    private final boolean allowInsecureHttp;
    private final boolean allowUnsafeJdkSettings;
    private final PatkitListener listener;

    private PatkitOptions(Builder b) {
        this.baseUri = b.baseUri;
        this.connectTimeout = b.connectTimeout;
        this.attemptTimeout = b.attemptTimeout;
        this.callTimeout = b.callTimeout;
        this.retryPolicy = b.retryPolicy;
        this.rateLimitPolicy = b.rateLimitPolicy;
        this.userAgent = b.userAgent;
        this.clock = b.clock;
        this.httpClient = b.httpClient;
        this.objectMapper = b.objectMapper;
        this.sleeper = b.sleeper;
        this.maxRedirects = b.maxRedirects;
        this.maxResponseBytes = b.maxResponseBytes;
        this.allowInsecureHttp = b.allowInsecureHttp;
        this.allowUnsafeJdkSettings = b.allowUnsafeJdkSettings;
        this.listener = b.listener;
    }

    /** @return options with every default */
    public static PatkitOptions defaults() {
        return builder().build();
    }

    /** @return a builder with every default */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.baseUri = baseUri;
        b.connectTimeout = connectTimeout;
        b.attemptTimeout = attemptTimeout;
        b.callTimeout = callTimeout;
        b.retryPolicy = retryPolicy;
        b.rateLimitPolicy = rateLimitPolicy;
        b.userAgent = userAgent;
        b.clock = clock;
        b.httpClient = httpClient;
        b.objectMapper = objectMapper;
        b.sleeper = sleeper;
        b.maxRedirects = maxRedirects;
        b.maxResponseBytes = maxResponseBytes;
        b.allowInsecureHttp = allowInsecureHttp;
        b.allowUnsafeJdkSettings = allowUnsafeJdkSettings;
        b.listener = listener;
        return b;
    }

    /** @return the API base used when a client is created without one; empty means the provider's default */
    public Optional<URI> baseUri() {
        return Optional.ofNullable(baseUri);
    }

    /** @return the TCP/TLS connect timeout */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the time one attempt may take until the response headers arrive */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /** @return the overall deadline of one call: every attempt, every wait, and reading the body */
    public Duration callTimeout() {
        return callTimeout;
    }

    /** @return the retry policy */
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** @return what to do when a rate-limit budget is exhausted */
    public RateLimitPolicy rateLimitPolicy() {
        return rateLimitPolicy;
    }

    /** @return the User-Agent header value */
    public String userAgent() {
        return userAgent;
    }

    /** @return the clock for expiry and rate-limit arithmetic */
    public Clock clock() {
        return clock;
    }

    /** @return the caller's HTTP client; empty means Patkit creates and owns one */
    public Optional<HttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** @return the caller's object mapper; empty means Patkit's own */
    public Optional<ObjectMapper> objectMapper() {
        return Optional.ofNullable(objectMapper);
    }

    /** @return how retries wait */
    public Sleeper sleeper() {
        return sleeper;
    }

    /** @return the most redirects one call follows */
    public int maxRedirects() {
        return maxRedirects;
    }

    /** @return the largest response body accepted, in bytes */
    public int maxResponseBytes() {
        return maxResponseBytes;
    }

    /** @return whether credentials may travel over plain http to hosts that are not loopback */
    public boolean allowInsecureHttp() {
        return allowInsecureHttp;
    }

    /** @return whether JVM settings that could replay or expose requests are tolerated */
    public boolean allowUnsafeJdkSettings() {
        return allowUnsafeJdkSettings;
    }

    /** @return the listener that hears the pipeline's events; {@link PatkitListener#NONE} by default */
    public PatkitListener listener() {
        return listener;
    }

    @Override
    public String toString() {
        return "PatkitOptions[baseUri=" + baseUri + ", connectTimeout=" + connectTimeout + ", attemptTimeout="
                + attemptTimeout + ", callTimeout=" + callTimeout + ", retry=" + retryPolicy + ", rateLimit="
                + rateLimitPolicy + ", userAgent=" + userAgent + ", maxRedirects=" + maxRedirects
                + ", maxResponseBytes=" + maxResponseBytes + ", allowInsecureHttp=" + allowInsecureHttp + "]";
    }

    /** Builds {@link PatkitOptions}. Not thread-safe. */
    public static final class Builder {
        private URI baseUri;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration attemptTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private RateLimitPolicy rateLimitPolicy = RateLimitPolicy.WAIT_WITHIN_DEADLINE;
        private String userAgent = Patkit.defaultUserAgent();
        private Clock clock = Clock.systemUTC();
        private HttpClient httpClient;
        private ObjectMapper objectMapper;
        private Sleeper sleeper = Sleeper.system();
        private int maxRedirects = 5;
        private int maxResponseBytes = 4 * 1024 * 1024;
        private boolean allowInsecureHttp;
        private boolean allowUnsafeJdkSettings;
        private PatkitListener listener = PatkitListener.NONE;

        private Builder() {}

        /**
         * The API base for clients created without one. Default: none, each provider's own default
         * ({@code https://gitlab.com/api/v4}, {@code https://api.github.com}, ...).
         *
         * @param baseUri the base
         * @return this builder
         */
        public Builder baseUri(URI baseUri) {
            this.baseUri = SecureTransport.requireNoUserInfo(Objects.requireNonNull(baseUri, "baseUri"), "The API base");
            return this;
        }

        /**
         * The connect timeout. Default: 10 seconds. Applies only to an HTTP client Patkit creates.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * The time one attempt may take until the response headers arrive. Default: 30 seconds.
         *
         * @param timeout the timeout
         * @return this builder
         */
        public Builder attemptTimeout(Duration timeout) {
            this.attemptTimeout = positive(timeout, "attemptTimeout");
            return this;
        }

        /**
         * The overall deadline of one call, covering every attempt, every wait between attempts
         * and reading the body. Default: 60 seconds.
         *
         * @param timeout the deadline
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * How idempotent calls are retried. Default: {@link RetryPolicy#defaults()}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * What to do with an exhausted rate limit. Default: {@link RateLimitPolicy#WAIT_WITHIN_DEADLINE}.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder rateLimitPolicy(RateLimitPolicy policy) {
            this.rateLimitPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * The User-Agent header. Default: {@code Patkit/<version> (Java <version>)}.
         *
         * @param userAgent the value
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        /**
         * The clock for expiry and rate-limit arithmetic. Default: {@link Clock#systemUTC()}.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The HTTP client to use. Default: none; Patkit then creates one shared client with
         * {@code Redirect.NEVER} and closes it with the {@link Patkit} instance. A client passed
         * here must not follow redirects (Patkit follows them itself, without leaking
         * credentials) and is never closed by Patkit.
         *
         * <p>HTTP version: every request over {@code https} leaves the version to the client (the
         * JDK's default client offers HTTP/2 through ALPN in the TLS handshake, at no extra round
         * trip, and falls back to HTTP/1.1). Every request over plain {@code http} — loopback only,
         * unless allowed — is sent as HTTP/1.1: the JDK would otherwise offer an {@code h2c}
         * upgrade on each new connection, which costs bytes on every request and, against servers
         * that accept it, multiplexes concurrent calls onto one connection until the server's
         * stream limit fails some of them ("too many concurrent streams").
         *
         * @param client the client; unset, Patkit creates one
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The object mapper for JSON. Default: none; Patkit then uses its own mapper with tight
         * parsing limits and unknown properties ignored.
         *
         * @param mapper the mapper; unset, Patkit uses its own
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper mapper) {
            this.objectMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * How retries wait. Default: {@link Sleeper#system()}.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * The most redirects one call follows. Default: 5.
         *
         * @param max the limit, 0 to follow none
         * @return this builder
         */
        public Builder maxRedirects(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative");
            }
            this.maxRedirects = max;
            return this;
        }

        /**
         * The largest response body accepted. Default: 4 MiB.
         *
         * @param max bytes
         * @return this builder
         */
        public Builder maxResponseBytes(int max) {
            if (max < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = max;
            return this;
        }

        /**
         * Allows credentials over plain http to hosts that are not loopback. Default: false;
         * loopback addresses are always allowed, for tests.
         *
         * @param allow whether to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Tolerates JVM settings that make the JDK replay non-idempotent requests
         * ({@code jdk.httpclient.enableAllMethodRetry}) or skip host name checks
         * ({@code jdk.internal.httpclient.disableHostnameVerification}). Default: false, and then
         * Patkit refuses to run calls those settings would endanger.
         *
         * @param allow whether to allow
         * @return this builder
         */
        public Builder allowUnsafeJdkSettings(boolean allow) {
            this.allowUnsafeJdkSettings = allow;
            return this;
        }

        /**
         * A listener for the pipeline's events (requests sent and answered, retries, rate-limit
         * waits), for example to feed metrics. Default: {@link PatkitListener#NONE}, which does
         * nothing. A listener that throws never breaks a call.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(PatkitListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** @return the options */
        public PatkitOptions build() {
            return new PatkitOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
