package dev.patkit.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.Json;
import dev.patkit.testkit.internal.Reply;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common part of every fake: a WireMock server on a free loopback port whose every answer is
 * computed by the fake's Java code from its state, a settable clock, failure injection, and the
 * JUnit 5 life cycle.
 *
 * <p>As a JUnit 5 extension, register it in a field: a {@code static} field starts the server
 * before all tests of the class and stops it after them (state is kept between tests; call
 * {@link #reset()} if a test needs a clean fake); an instance field gets a fresh server per test.
 * By hand: {@link #start()} and {@link #close()}. The state is guarded by one lock per fake, so
 * seeding from a test while a client calls the fake is safe. Thread-safe.
 *
 * @param <S> the concrete fake, returned by the fluent methods
 */
public abstract sealed class FakeServer<S extends FakeServer<S>>
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable
        permits FakeGitLab, FakeGitHub, FakeAtomGit, FakeServiceStage {

    private static final Logger LOG = LoggerFactory.getLogger(FakeServer.class);
    /** Headers WireMock adds to answers (lower case); a real service never sends them. */
    private static final Set<String> WIREMOCK_HEADERS = Set.of("matched-stub-id", "matched-stub-name");

    /** Guards the fake's state: every request and every seeding call hold it. */
    final Object lock = new Object();

    private final String name;
    private final FakeClock clock;
    private final List<Injected> failures = new ArrayList<>();
    private volatile WireMockServer server;
    private boolean journal = true;
    private int fixedPort;
    private String startedBy;

    private record Injected(String method, Pattern path, FakeFailure failure) {}

    FakeServer(String name, FakeClock clock) {
        this.name = name;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @return this fake, typed */
    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }

    /**
     * Starts the server on a free loopback port (127.0.0.1). Starting a running fake does nothing.
     *
     * @return this fake
     */
    public final S start() {
        synchronized (lock) {
            if (server != null) {
                return self();
            }
            WireMockConfiguration config = WireMockConfiguration.options()
                    .bindAddress("127.0.0.1")
                    .gzipDisabled(true)
                    .extensions(new Transformer(this), new WireMockHeaders());
            if (fixedPort > 0) {
                config.port(fixedPort);
            } else {
                config.dynamicPort();
            }
            if (!journal) {
                config.disableRequestJournal();
            }
            WireMockServer s = new WireMockServer(config);
            s.start();
            s.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
            server = s;
            LOG.debug("{} fake listening at {}", name, baseUri());
            return self();
        }
    }

    /** Stops the server; the state is kept, so {@link #start()} may start it again (on a new port). */
    public final void stop() {
        synchronized (lock) {
            WireMockServer s = server;
            server = null;
            if (s != null) {
                s.stop();
                LOG.debug("{} fake stopped", name);
            }
        }
    }

    /** Stops the server. */
    @Override
    public final void close() {
        stop();
    }

    /** @return whether the server runs */
    public final boolean isRunning() {
        return server != null;
    }

    /**
     * Keeps WireMock's request journal off (for long-running fakes; the journal keeps every
     * request, secrets included). Takes effect at the next {@link #start()}.
     *
     * @return this fake
     */
    public final S withoutRequestJournal() {
        this.journal = false;
        return self();
    }

    /**
     * Listens on a fixed port instead of a free one. Takes effect at the next {@link #start()}.
     *
     * @param port the port, or 0 for a free one
     * @return this fake
     */
    public final S onPort(int port) {
        this.fixedPort = port;
        return self();
    }

    /** @return the port, while running */
    public final int port() {
        return running().port();
    }

    /** @return {@code http://127.0.0.1:<port>}, while running */
    public final URI rootUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    /** @return the base URI a client of this provider is configured with (for example {@code .../api/v4}) */
    public abstract URI baseUri();

    /** @return the underlying WireMock server, for request verification; while running */
    public final WireMockServer wireMock() {
        return running();
    }

    /** @return the clock that drives expiry and rate-limit windows */
    public final FakeClock clock() {
        return clock;
    }

    /**
     * Moves this fake's clock (shared with the fakes it was created with).
     *
     * @param now the new instant
     * @return this fake
     */
    public final S setNow(Instant now) {
        clock.setNow(now);
        return self();
    }

    /**
     * Makes the next request whose method and path match fail as described. Each call arms one
     * failure; several armed failures strike in order.
     *
     * @param method the HTTP method ({@code POST}), or {@code *} for any
     * @param pathRegex a regular expression the whole raw path must match (for example
     *     {@code /api/v4/personal_access_tokens/\d+/rotate}); the query is not part of it
     * @param failure what to do
     * @return this fake
     */
    public final S failNext(String method, String pathRegex, FakeFailure failure) {
        synchronized (lock) {
            failures.add(new Injected(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex),
                    Objects.requireNonNull(failure, "failure")));
        }
        return self();
    }

    /** Forgets every seeded user, token and record, armed failures and rate-limit counts. */
    public final void reset() {
        synchronized (lock) {
            failures.clear();
            clearState();
        }
    }

    /** @return the provider name and where it listens */
    @Override
    public String toString() {
        WireMockServer s = server;
        return getClass().getSimpleName() + "[" + (s == null ? "stopped" : baseUri().toString()) + "]";
    }

    // ---- JUnit 5 ---------------------------------------------------------------------------------

    /** Starts the server for a {@code static} field. */
    @Override
    public final void beforeAll(ExtensionContext context) {
        if (!isRunning()) {
            start();
            startedBy = "all";
        }
    }

    /** Stops a server started for a {@code static} field. */
    @Override
    public final void afterAll(ExtensionContext context) {
        if ("all".equals(startedBy)) {
            stop();
            startedBy = null;
        }
    }

    /** Starts the server for an instance field. */
    @Override
    public final void beforeEach(ExtensionContext context) {
        if (!isRunning()) {
            start();
            startedBy = "each";
        }
    }

    /** Stops a server started for an instance field. */
    @Override
    public final void afterEach(ExtensionContext context) {
        if ("each".equals(startedBy)) {
            stop();
            startedBy = null;
        }
    }

    // ---- for the fakes ---------------------------------------------------------------------------

    /** Handles one request under {@link #lock}. */
    abstract Reply handle(Exchange exchange);

    /** Clears the fake's own state under {@link #lock}. */
    abstract void clearState();

    /** @return the fake's now */
    final Instant now() {
        return clock.instant();
    }

    private WireMockServer running() {
        WireMockServer s = server;
        if (s == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not running: call start() first"
                    + " or register it with @RegisterExtension");
        }
        return s;
    }

    /**
     * Adds what every answer of this fake carries, under {@link #lock}: by default the JSON
     * content type ({@link #jsonContentType()}) and a {@code Date} by the fake's clock.
     * Injected statuses pass through here too.
     */
    void decorate(Exchange ex, Reply reply) {
        if (reply.isJson()) {
            reply.setHeader("Content-Type", jsonContentType());
        }
        if (!reply.hasHeader("Date")) {
            reply.header("Date", Reply.httpDate(now()));
        }
    }

    /** @return the {@code Content-Type} of this fake's JSON answers */
    String jsonContentType() {
        return "application/json; charset=utf-8";
    }

    private ResponseDefinition respond(ServeEvent event) {
        Exchange ex = Exchange.of(event.getRequest());
        FakeFailure failure = null;
        Reply reply;
        synchronized (lock) {
            for (Iterator<Injected> it = failures.iterator(); it.hasNext(); ) {
                Injected f = it.next();
                if (("*".equals(f.method) || f.method.equals(ex.requestMethod()))
                        && f.path.matcher(ex.rawPath()).matches()) {
                    it.remove();
                    failure = f.failure;
                    break;
                }
            }
            if (failure != null && failure.mode() == FakeFailure.Mode.FAULT_BEFORE) {
                LOG.debug("{} fake: {} {} -> injected {}", name, ex.requestMethod(), ex.rawPath(), failure.faultValue());
                return aResponse().withFault(failure.faultValue()).build();
            }
            if (failure != null && failure.mode() == FakeFailure.Mode.STATUS) {
                LOG.debug("{} fake: {} {} -> injected {}", name, ex.requestMethod(), ex.rawPath(), failure.statusCode());
                reply = Reply.jsonText(failure.statusCode(), failure.body());
            } else {
                try {
                    reply = handle(ex);
                } catch (RuntimeException e) {
                    LOG.debug("{} fake: {} {} failed: {}", name, ex.requestMethod(), ex.rawPath(),
                            e.getClass().getName());
                    reply = Reply.json(500, Json.object().put("message", "500 Internal Server Error (fake: "
                            + e.getClass().getSimpleName() + ")"));
                }
            }
            decorate(ex, reply);
        }
        LOG.debug("{} fake: {} {} -> {}", name, ex.requestMethod(), ex.rawPath(), reply.status());
        if (failure != null && failure.mode() == FakeFailure.Mode.FAULT_AFTER) {
            return aResponse().withFault(failure.faultValue()).build();
        }
        ResponseDefinitionBuilder b = aResponse().withStatus(reply.status());
        for (Map.Entry<String, List<String>> h : reply.headers().entrySet()) {
            b.withHeader(h.getKey(), h.getValue().toArray(new String[0]));
        }
        if (reply.body() != null && !ex.isHead()) {
            b.withBody(reply.body());
        }
        if (failure != null && failure.mode() == FakeFailure.Mode.DELAY) {
            b.withFixedDelay((int) Math.min(Integer.MAX_VALUE, failure.delayValue().toMillis()));
        }
        return b.build();
    }

    /** Drops the headers WireMock adds to every stubbed answer, which no real service sends. */
    private static final class WireMockHeaders implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            List<HttpHeader> kept = new ArrayList<>();
            for (HttpHeader h : response.getHeaders().all()) {
                if (!WIREMOCK_HEADERS.contains(h.key().toLowerCase(Locale.ROOT))) {
                    kept.add(h);
                }
            }
            return Response.Builder.like(response).but().headers(new HttpHeaders(kept)).build();
        }

        @Override
        public String getName() {
            return "patkit-fake-headers";
        }
    }

    /** The WireMock extension that hands every request to the fake. */
    private static final class Transformer implements ResponseDefinitionTransformerV2 {
        private final FakeServer<?> fake;

        Transformer(FakeServer<?> fake) {
            this.fake = fake;
        }

        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            return fake.respond(serveEvent);
        }

        @Override
        public String getName() {
            return "patkit-fake-" + fake.name;
        }
    }
}
