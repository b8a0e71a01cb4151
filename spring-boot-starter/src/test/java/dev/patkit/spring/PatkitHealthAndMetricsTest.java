package dev.patkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeToken;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code patkit} health indicator and the Micrometer meters, against the testkit's fake GitLab. */
class PatkitHealthAndMetricsTest {

    @RegisterExtension
    static FakeGitLab gitlab = FakeGitLab.create();

    /** The application's clock and the fake's agree: 2026-11-30T00:00:00Z. */
    private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");

    private final String secret = Canary.gitlab();
    private FakeUser owner;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PatkitAutoConfiguration.class, PatkitHealthAutoConfiguration.class,
                    PatkitMetricsAutoConfiguration.class))
            .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        gitlab.setNow(NOW);
        owner = gitlab.addUser("dev", "Dev");
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(secret);
    }

    private FakeToken token(LocalDate expiresOn, String... scopes) {
        TokenSeed seed = TokenSeed.named("app").owner(owner).scopes(scopes).secret(secret);
        return gitlab.addToken(expiresOn == null ? seed : seed.expiresOn(expiresOn));
    }

    private ApplicationContextRunner configured(String... more) {
        return runner.withPropertyValues("patkit.providers.gitlab.token=" + secret,
                "patkit.providers.gitlab.base-url=" + gitlab.baseUri()).withPropertyValues(more);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> gitlabDetails(Health health) {
        return (Map<String, Object>) health.getDetails().get("gitlab");
    }

    private long inspections() {
        return gitlab.wireMock().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/v4/personal_access_tokens/self")).count();
    }

    @Test
    void activeToken_isUp_withOwnerScopesAndExpiry_andNeverTheToken() {
        token(LocalDate.parse("2027-06-30"), "api", "read_user");
        configured().run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(gitlabDetails(health)).containsExactly(
                    Map.entry("provider", "gitlab"),
                    Map.entry("host", "127.0.0.1"),
                    Map.entry("checkedAt", NOW.toString()),
                    Map.entry("status", "ACTIVE"),
                    Map.entry("owner", "dev"),
                    Map.entry("ownerId", owner.id()),
                    Map.entry("scopes", List.of("api", "read_user")),
                    Map.entry("expiresAt", "2027-06-30T00:00:00Z"));
            assertThat(health.toString()).doesNotContain(secret);
        });
    }

    @Test
    void revokedToken_isDown() {
        FakeToken t = token(LocalDate.parse("2027-06-30"), "api");
        gitlab.revoke(t);
        configured().run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(gitlabDetails(health)).containsEntry("status", "REVOKED");
        });
    }

    @Test
    void expiredToken_isDown() {
        token(LocalDate.parse("2026-11-30"), "api");
        configured().run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(gitlabDetails(health)).containsEntry("status", "EXPIRED");
        });
    }

    @Test
    void unknownToken_isDown_asInvalid() {
        configured().run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(gitlabDetails(health)).containsEntry("status", "INVALID");
            assertThat(health.toString()).doesNotContain(secret);
        });
    }

    @Test
    void forgeThatCannotAnswer_isUnknown_withTheErrorButNotTheToken() {
        token(LocalDate.parse("2027-06-30"), "api");
        gitlab.failNext("GET", "/api/v4/personal_access_tokens/self", dev.patkit.testkit.FakeFailure.status(503));
        configured("patkit.retry.max-attempts=1").run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
            assertThat(gitlabDetails(health)).containsEntry("status", "UNKNOWN");
            assertThat((String) gitlabDetails(health).get("error")).startsWith("ServerException: ");
            assertThat(health.toString()).doesNotContain(secret);
        });
    }

    @Test
    void githubRejectingTheToken_isDown_asInvalid() {
        dev.patkit.testkit.FakeGitHub github = dev.patkit.testkit.FakeGitHub.create().start();
        try {
            runner.withPropertyValues("patkit.providers.github.token=" + Canary.githubClassic(),
                    "patkit.providers.github.base-url=" + github.baseUri()).run(context -> {
                        Health health = context.getBean(PatkitHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        @SuppressWarnings("unchecked")
                        Map<String, Object> d = (Map<String, Object>) health.getDetails().get("github");
                        assertThat(d).containsEntry("provider", "github").containsEntry("status", "INVALID")
                                .doesNotContainKeys("owner", "error");
                    });
        } finally {
            github.close();
        }
    }

    @Test
    void missingRequiredScope_isDown_namingIt() {
        token(LocalDate.parse("2027-06-30"), "read_api");
        configured("patkit.providers.gitlab.required-scopes=read_api,write_repository").run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(gitlabDetails(health)).containsEntry("status", "ACTIVE")
                    .containsEntry("missingScopes", List.of("write_repository"));
        });
    }

    @Test
    void requiredScopeImpliedByAHeldOne_isUp() {
        token(LocalDate.parse("2027-06-30"), "api");
        configured("patkit.providers.gitlab.required-scopes=read_api").run(context ->
                assertThat(context.getBean(PatkitHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP));
    }

    @Test
    void tokenExpiringWithinTheWarning_isUpWithAWarning_byDefault() {
        token(LocalDate.parse("2026-12-10"), "api");
        configured().run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(gitlabDetails(health)).containsEntry("warning", "the token expires within 14 days");
        });
    }

    @Test
    void tokenExpiringWithinTheWarning_hasTheConfiguredStatus() {
        token(LocalDate.parse("2026-12-10"), "api");
        configured("patkit.health.expiry-warning-status=out_of_service").run(context ->
                assertThat(context.getBean(PatkitHealthIndicator.class).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE));
        configured("patkit.health.expiry-warning=7d").run(context -> {
            Health health = context.getBean(PatkitHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(gitlabDetails(health)).doesNotContainKey("warning");
        });
    }

    @Test
    void inspections_areCachedForTheConfiguredTime() {
        token(LocalDate.parse("2027-06-30"), "api");
        gitlab.wireMock().resetRequests();
        configured().run(context -> {
            PatkitHealthIndicator indicator = context.getBean(PatkitHealthIndicator.class);
            indicator.health();
            indicator.health();
            indicator.health();
            assertThat(inspections()).isEqualTo(1);
        });
        gitlab.wireMock().resetRequests();
        configured("patkit.health.cache-ttl=0s").run(context -> {
            PatkitHealthIndicator indicator = context.getBean(PatkitHealthIndicator.class);
            indicator.health();
            indicator.health();
            assertThat(inspections()).isEqualTo(2);
        });
    }

    @Test
    void badHealthProperties_failNamingThem() {
        token(LocalDate.parse("2027-06-30"), "api");
        configured("patkit.health.expiry-warning=0d").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidPatkitPropertyException.class)
                    .hasMessage("Invalid property patkit.health.expiry-warning: must be positive");
        });
        configured("patkit.health.cache-ttl=-1s").run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessage("Invalid property patkit.health.cache-ttl: must not be negative"));
    }

    @Test
    void noIndicator_withoutProviders_whenDisabled_orWithoutSpringBootHealth() {
        runner.run(context -> assertThat(context).doesNotHaveBean(PatkitHealthIndicator.class));
        token(LocalDate.parse("2027-06-30"), "api");
        configured("management.health.patkit.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(PatkitHealthIndicator.class));
        configured().withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PatkitHealthIndicator.class));
        configured().withBean("patkitHealthIndicator", PatkitHealthIndicator.class,
                        () -> new PatkitHealthIndicator(null, null, Status.UP))
                .run(context -> assertThat(context).hasSingleBean(PatkitHealthIndicator.class));
    }

    @Test
    void noMeters_withoutMicrometer() {
        token(LocalDate.parse("2027-06-30"), "api");
        configured().withClassLoader(new FilteredClassLoader("io.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PatkitMetrics.class));
    }

    private ApplicationContextRunner withMetrics(ApplicationContextRunner r) {
        return r.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
    }

    @Test
    void expiryGauge_andRequestCounters_areTaggedWithProviderAndHost() {
        token(LocalDate.parse("2026-12-10"), "api");
        withMetrics(configured()).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("patkit.token.expiry").tag("provider", "gitlab").tag("host", "127.0.0.1").gauge()
                    .value()).isEqualTo(10 * 86_400.0);
            assertThat(registry.get("patkit.requests").tags("provider", "gitlab", "host", "127.0.0.1", "method", "GET")
                    .counter().count()).isEqualTo(2.0); // the token and, alongside, GET /user
            assertThat(registry.get("patkit.responses").tags("provider", "gitlab", "status", "200").counter().count())
                    .isEqualTo(2.0);
            registry.getMeters().forEach(m -> assertThat(m.getId().toString()).doesNotContain(secret));
        });
    }

    @Test
    void retriesAndRateLimitWaits_areCounted() {
        token(LocalDate.parse("2027-06-30"), "api");
        gitlab.failNext("GET", "/api/v4/personal_access_tokens/self", dev.patkit.testkit.FakeFailure.status(503));
        withMetrics(configured("patkit.retry.base-delay=1ms")).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(PatkitClients.class).get("gitlab").inspect();
            assertThat(registry.get("patkit.retries").tags("provider", "gitlab", "method", "GET").counter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("patkit.responses").tags("status", "503").counter().count()).isEqualTo(1.0);
        });
        PatkitMetrics metrics = new PatkitMetrics(() -> null);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.rateLimitWait("gitlab", "gitlab.com", java.time.Duration.ofSeconds(3));
        metrics.bindTo(registry);
        metrics.rateLimitWait("gitlab", "gitlab.com", java.time.Duration.ofSeconds(3));
        assertThat(registry.get("patkit.rate.limit.waits").tags("provider", "gitlab", "host", "gitlab.com").counter()
                .count()).as("events before binding are not counted").isEqualTo(1.0);
    }

    @Test
    void expiryGauge_isNaN_whenTheTokenNeverExpires() {
        token(null, "api");
        withMetrics(configured()).run(context -> assertThat(context.getBean(MeterRegistry.class)
                .get("patkit.token.expiry").gauge().value()).isNaN());
    }
}
