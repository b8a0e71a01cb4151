package dev.patkit.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.UnsafeConfigurationException;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every client of one Patkit instance shares: the HTTP client, the JSON mapper, the timer
 * thread and rate-limit budgets. The HTTP client, mapper and timer are created on first use, so
 * paths that need no HTTP (offline checks, git credentials from configuration) stay fast.
 */
public final class PatkitRuntime implements ProviderContext, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit");

    private final PatkitOptions options;
    private final ConcurrentMap<String, AtomicReference<RateLimitSnapshot>> budgets = new ConcurrentHashMap<>();
    /**
     * Worker threads of the HTTP client Patkit creates. The JDK's default executor is an unbounded
     * cached pool: 200 concurrent calls left about 60 threads behind. A fixed pool keeps it bounded.
     * Only the JDK's own non-blocking exchange work runs here: Patkit sends on its sender threads
     * ({@link #senders}), where its callbacks and the callers' dependent stages run, so a stage
     * that blocks never occupies these workers ({@code PipelineTest} proves it with 32 blocking chains).
     */
    static final int HTTP_WORKERS = 8;

    /** Read without a lock on every request once built (volatile: published by {@link #buildHttpClient()}). */
    private volatile HttpClient httpClient;
    private ThreadPoolExecutor httpExecutor;
    private volatile ObjectMapper objectMapper;
    private volatile com.fasterxml.jackson.databind.ObjectWriter bodyWriter;
    private final ConcurrentMap<Class<?>, Object> providerState = new ConcurrentHashMap<>();
    private final DeadlineWatchdog watchdog = new DeadlineWatchdog();
    /**
     * The threads every request is sent on, with the JDK's blocking {@code send}: it completes on
     * the sending thread, where {@code sendAsync} hands every response to
     * {@code CompletableFuture}'s default executor, which with 2 CPUs or fewer starts a new thread
     * per call (a third of a loopback call's CPU, measured in benchmarks/BENCHMARKS.md). One thread
     * per request in flight, so independent calls never wait for each other; idle threads end after
     * 30 s.
     */
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new java.util.concurrent.SynchronousQueue<>(), new ThreadFactory() {
                private final AtomicInteger n = new AtomicInteger();

                @Override
                public Thread newThread(Runnable r) {
                    Thread thread = new Thread(r, "patkit-send-" + n.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }
            });
    private boolean closed;

    /**
     * Creates the runtime and checks the JVM's networking settings.
     *
     * @param options the options
     * @throws UnsafeConfigurationException if host name verification is off and the caller did not allow it,
     *     or the caller's HTTP client follows redirects
     */
    public PatkitRuntime(PatkitOptions options) {
        this.options = options;
        if (JdkSettings.hostnameVerificationDisabled() && !options.allowUnsafeJdkSettings()) {
            throw new UnsafeConfigurationException("jdk.internal.httpclient.disableHostnameVerification is set, so TLS"
                    + " would not check host names and tokens could go to an impostor. Unset it, or accept the risk with"
                    + " PatkitOptions.allowUnsafeJdkSettings(true).", ErrorContext.NONE);
        }
        options.httpClient().ifPresent(c -> {
            if (c.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new UnsafeConfigurationException("The HttpClient passed to Patkit follows redirects ("
                        + c.followRedirects() + "); the JDK would then forward credentials to other hosts. Build it with"
                        + " followRedirects(HttpClient.Redirect.NEVER): Patkit follows redirects itself.", ErrorContext.NONE);
            }
        });
        if (JdkSettings.httpLoggingExposesSecrets()) {
            LOG.warn("The JDK's HTTP client logging (jdk.httpclient.HttpClient.log or jdk.internal.httpclient.debug) is"
                    + " on and may write request headers, including tokens, to the logs. Patkit cannot redact that output.");
        }
    }

    @Override
    public PatkitOptions options() {
        return options;
    }

    @Override
    public HttpClient httpClient() {
        HttpClient c = httpClient;
        return c != null ? c : buildHttpClient();
    }

    private synchronized HttpClient buildHttpClient() {
        if (httpClient == null) {
            httpClient = options.httpClient().orElseGet(() -> {
                AtomicInteger n = new AtomicInteger();
                ThreadPoolExecutor executor = new ThreadPoolExecutor(HTTP_WORKERS, HTTP_WORKERS, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), r -> {
                            Thread thread = new Thread(r, "patkit-http-" + n.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
                executor.allowCoreThreadTimeOut(true);
                httpExecutor = executor;
                return HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(options.connectTimeout())
                        .executor(executor)
                        .build();
            });
        }
        return httpClient;
    }

    @Override
    public ObjectMapper objectMapper() {
        ObjectMapper m = objectMapper;
        return m != null ? m : buildObjectMapper();
    }

    private synchronized ObjectMapper buildObjectMapper() {
        if (objectMapper == null) {
            objectMapper = options.objectMapper().orElseGet(PatkitRuntime::defaultMapper);
        }
        return objectMapper;
    }

    /**
     * The writer of request bodies: the mapper, plus {@link Token}s written as their value. Only the
     * pipeline uses it, for the wire; everywhere else a token serialises as {@code Token[***]}.
     *
     * @return the writer
     */
    com.fasterxml.jackson.databind.ObjectWriter bodyWriter() {
        com.fasterxml.jackson.databind.ObjectWriter w = bodyWriter;
        if (w == null) {
            com.fasterxml.jackson.databind.module.SimpleModule secrets = new com.fasterxml.jackson.databind.module.SimpleModule(
                    "patkit-request-secrets");
            secrets.addSerializer(Token.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(Token.class) {
                @Override
                public void serialize(Token token, com.fasterxml.jackson.core.JsonGenerator gen,
                        com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                    gen.writeString(token.reveal());
                }
            });
            w = objectMapper().copy().registerModule(secrets).writer();
            bodyWriter = w;
        }
        return w;
    }

    /** @return the default mapper: tight read limits, unknown properties ignored */
    static ObjectMapper defaultMapper() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(100)
                        .maxNumberLength(100)
                        .maxStringLength(1_000_000)
                        .build())
                .build();
        return JsonMapper.builder(factory)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public Clock clock() {
        return options.clock();
    }

    @Override
    public <T> T shared(Class<T> key, java.util.function.Supplier<T> create) {
        return key.cast(providerState.computeIfAbsent(key, k -> java.util.Objects.requireNonNull(create.get(), "state")));
    }

    @Override
    public HttpPipeline pipeline(PipelineSpec spec) {
        return new DefaultHttpPipeline(this, spec);
    }

    DeadlineWatchdog watchdog() {
        return watchdog;
    }

    /** @return the executor requests are sent on (see {@link #senders}) */
    java.util.concurrent.Executor senders() {
        return senders;
    }

    AtomicReference<RateLimitSnapshot> budget(String key) {
        return budgets.computeIfAbsent(key, k -> new AtomicReference<>());
    }

    /**
     * Stops the timer thread and closes the HTTP client if Patkit created it (on JDK 21 and later;
     * on 17 its idle connections simply time out). A caller's HTTP client is never closed.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        watchdog.close();
        senders.shutdown(); // requests in flight finish; nothing new is sent
        if (httpClient != null && options.httpClient().isEmpty() && httpClient instanceof AutoCloseable closeable) {
            try {
                closeable.close();
                // close() waited for the exchanges, so no more work comes to the workers. On JDK 17 the
                // client cannot be closed; its idle workers end after 30 s instead.
                httpExecutor.shutdown();
            } catch (Exception e) {
                LOG.debug("Closing the HTTP client failed: {}", e.getClass().getSimpleName());
            }
        }
    }
}
