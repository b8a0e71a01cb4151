package dev.patkit.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.patkit.core.PatkitListener;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Token;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pipelines of one Patkit share, and nothing more: the options, the HTTP client, the
 * sender threads, the deadline watchdog, the JSON mapper and body writer, the rate-limit budgets
 * and the listener. The HTTP client, mapper and threads are created on first use, so paths that
 * need no HTTP (offline checks, git credentials from configuration) stay fast.
 *
 * <p>Thread-safe. {@link PatkitRuntime} owns one and closes it; pipelines only use it.
 */
final class PipelineContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("dev.patkit");

    /**
     * Worker threads of the HTTP client Patkit creates. The JDK's default executor is an unbounded
     * cached pool: 200 concurrent calls left about 60 threads behind. A fixed pool keeps it bounded.
     * Only the JDK's own non-blocking exchange work runs here: Patkit sends on its sender threads
     * ({@link #senders}), where its callbacks and the callers' dependent stages run, so a stage
     * that blocks never occupies these workers ({@code PipelineTest} proves it with 32 blocking chains).
     */
    static final int HTTP_WORKERS = 8;

    private final PatkitOptions options;
    private final PatkitListener listener;
    private final ConcurrentMap<String, AtomicReference<RateLimitSnapshot>> budgets = new ConcurrentHashMap<>();
    private final DeadlineWatchdog watchdog = new DeadlineWatchdog();
    /** Read without a lock on every request once built (volatile: published by {@link #buildHttpClient()}). */
    private volatile HttpClient httpClient;
    private ThreadPoolExecutor httpExecutor;
    private volatile ObjectMapper objectMapper;
    private volatile ObjectWriter bodyWriter;
    /**
     * The threads every request is sent on, with the JDK's blocking {@code send}: it completes on
     * the sending thread, where {@code sendAsync} hands every response to
     * {@code CompletableFuture}'s default executor, which with 2 CPUs or fewer starts a new thread
     * per call (a third of a loopback call's CPU, measured in benchmarks/BENCHMARKS.md). One thread
     * per request in flight, so independent calls never wait for each other; idle threads end after
     * 30 s.
     */
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemons("patkit-send-"));

    PipelineContext(PatkitOptions options) {
        this.options = options;
        this.listener = SafeListener.wrap(options.listener());
    }

    PatkitOptions options() {
        return options;
    }

    Clock clock() {
        return options.clock();
    }

    /** @return the caller's listener, wrapped so that it can never break a call */
    PatkitListener listener() {
        return listener;
    }

    DeadlineWatchdog watchdog() {
        return watchdog;
    }

    /** @return the executor requests are sent on (see {@link #senders}) */
    Executor senders() {
        return senders;
    }

    AtomicReference<RateLimitSnapshot> budget(String key) {
        return budgets.computeIfAbsent(key, k -> new AtomicReference<>());
    }

    HttpClient httpClient() {
        HttpClient c = httpClient;
        return c != null ? c : buildHttpClient();
    }

    private synchronized HttpClient buildHttpClient() {
        if (httpClient == null) {
            httpClient = options.httpClient().orElseGet(() -> {
                ThreadPoolExecutor executor = new ThreadPoolExecutor(HTTP_WORKERS, HTTP_WORKERS, 30, TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(), daemons("patkit-http-"));
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

    ObjectMapper objectMapper() {
        ObjectMapper m = objectMapper;
        return m != null ? m : buildObjectMapper();
    }

    private synchronized ObjectMapper buildObjectMapper() {
        if (objectMapper == null) {
            objectMapper = options.objectMapper().orElseGet(PipelineContext::defaultMapper);
        }
        return objectMapper;
    }

    /**
     * The writer of request bodies: the mapper, plus {@link Token}s written as their value. Only the
     * pipeline uses it, for the wire; everywhere else a token serialises as {@code Token[***]}.
     *
     * @return the writer
     */
    ObjectWriter bodyWriter() {
        ObjectWriter w = bodyWriter;
        if (w == null) {
            SimpleModule secrets = new SimpleModule("patkit-request-secrets");
            secrets.addSerializer(Token.class, new StdSerializer<>(Token.class) {
                @Override
                public void serialize(Token token, JsonGenerator gen, SerializerProvider provider) throws IOException {
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

    private static java.util.concurrent.ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Stops the watchdog and the sender threads and closes the HTTP client if Patkit created it (on
     * JDK 21 and later; on 17 its idle connections simply time out). A caller's HTTP client is never
     * closed. Not idempotent by itself: the runtime calls it once.
     */
    @Override
    public void close() {
        watchdog.close();
        senders.shutdown(); // requests in flight finish; nothing new is sent
        HttpClient c;
        synchronized (this) {
            c = httpClient;
        }
        if (c != null && options.httpClient().isEmpty() && c instanceof AutoCloseable closeable) {
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
