package dev.patkit.core.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one harness of every provider's tests: a WireMock forge, an advancing {@link TestClock}, a
 * {@link RecordingSleeper} on that clock, a canary token, a {@link Patkit} built from those, a
 * client factory — and, after each test, the leak check: the canary must appear in no log line.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ProviderHarness forge = ProviderHarness.at("/api/v4").canary(Canary.gitlab());
 *
 * @Test
 * void inspects() {
 *     forge.wm().stubFor(get("/api/v4/personal_access_tokens/self").willReturn(okJson(Fixtures.read(getClass(), "self.json"))));
 *     GitLabClient client = forge.client("gitlab", GitLabClient.class);
 *     assertThat(client.inspect().tokenName()).contains("ci");
 * }
 * }</pre>
 *
 * Register it as a static field: the server lives for the class, the clock, sleeper, log capture and
 * Patkit are fresh for each test.
 */
public final class ProviderHarness implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** "Now" at the start of every test unless the test sets the clock. */
    public static final Instant NOW = Instant.parse("2025-12-30T12:00:00Z");

    private final String apiPath;
    private String canary = Canary.marker();
    private UnaryOperator<PatkitOptions.Builder> options = b -> b;
    private final List<Patkit> opened = new ArrayList<>();
    private WireMockServer server;
    private TestClock clock;
    private RecordingSleeper sleeper;
    private Patkit patkit;

    private ProviderHarness(String apiPath) {
        this.apiPath = apiPath;
    }

    /**
     * @param apiPath the API's path below the WireMock origin, for example {@code /api/v4}; empty for the root
     * @return the harness
     */
    public static ProviderHarness at(String apiPath) {
        return new ProviderHarness(apiPath);
    }

    /** @param token the canary token the harness's clients hold @return this harness */
    public ProviderHarness canary(String token) {
        this.canary = token;
        return this;
    }

    /** @param extra more options for every test's Patkit (the clock and sleeper are set already) @return this harness */
    public ProviderHarness options(UnaryOperator<PatkitOptions.Builder> extra) {
        this.options = extra;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server.resetAll();
        LogCapture.clear();
        clock = new TestClock(NOW);
        sleeper = new RecordingSleeper(clock);
        patkit = newPatkit();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(Patkit::close);
        opened.clear();
        if (context.getExecutionException().isEmpty()) {
            Leaks.assertNotLogged(canary);
        }
    }

    /** @return a further Patkit with this test's clock, sleeper and options, closed after the test */
    public Patkit newPatkit() {
        Patkit p = Patkit.builder().options(options.apply(PatkitOptions.builder().clock(clock).sleeper(sleeper)).build())
                .build();
        opened.add(p);
        return p;
    }

    /** @return the WireMock forge */
    public WireMockServer wm() {
        return server;
    }

    /** @return the forge as a WireMock client, for {@code verify} */
    public WireMock wireMock() {
        return new WireMock(server.port());
    }

    /** @return the API base: the WireMock origin plus the API path */
    public URI baseUri() {
        return URI.create(server.baseUrl() + apiPath);
    }

    /** @return this test's Patkit */
    public Patkit patkit() {
        return patkit;
    }

    /** @return this test's clock, starting at {@link #NOW}; the sleeper advances it */
    public TestClock clock() {
        return clock;
    }

    /** @return this test's sleeper: every wait is recorded, none is slept */
    public RecordingSleeper sleeper() {
        return sleeper;
    }

    /** @return the canary token the clients hold */
    public String canary() {
        return canary;
    }

    /**
     * A client of this test's Patkit at the WireMock forge, holding the canary.
     *
     * @param providerId the provider
     * @param type its client interface
     * @param <C> that interface
     * @return the client
     */
    public <C extends ProviderClient> C client(String providerId, Class<C> type) {
        return client(providerId, type, canary);
    }

    /**
     * A client of this test's Patkit at the WireMock forge.
     *
     * @param providerId the provider
     * @param type its client interface
     * @param token the token it holds
     * @param <C> that interface
     * @return the client
     */
    public <C extends ProviderClient> C client(String providerId, Class<C> type, String token) {
        return patkit.client(providerId, baseUri(), Token.of(token)).unwrap(type);
    }
}
