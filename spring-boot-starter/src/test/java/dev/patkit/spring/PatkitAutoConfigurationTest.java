package dev.patkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitListener;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.UnsafeConfigurationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import dev.patkit.testkit.FakeGitHub;
import dev.patkit.testkit.FakeGitLab;
import dev.patkit.testkit.FakeUser;
import dev.patkit.testkit.TokenSeed;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of {@link PatkitAutoConfiguration}: beans made, beans backed off, properties refused. */
class PatkitAutoConfigurationTest {

    @RegisterExtension
    static FakeGitLab gitlab = FakeGitLab.create();

    @RegisterExtension
    static FakeGitHub github = FakeGitHub.create();

    @TempDir
    Path dir;

    private final String gitlabSecret = Canary.gitlab();
    private final String githubSecret = Canary.githubClassic();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PatkitAutoConfiguration.class));

    private FakeUser owner;

    @BeforeEach
    void setUp() {
        LogCapture.clear();
        owner = gitlab.addUser("dev", "Dev");
        gitlab.addToken(TokenSeed.named("app").owner(owner).scopes("api").secret(gitlabSecret));
        github.addToken(TokenSeed.named("ci").owner(github.addUser("octo", "Octo")).scopes("repo").secret(githubSecret));
    }

    @AfterEach
    void noLeaks() {
        Leaks.assertNotLogged(gitlabSecret);
        Leaks.assertNotLogged(githubSecret);
    }

    private static Throwable rootCause(AssertableApplicationContext context) {
        Throwable t = context.getStartupFailure();
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private void assertFailsOn(AssertableApplicationContext context, String property, String message) {
        assertThat(context).hasFailed();
        Throwable root = rootCause(context);
        assertThat(root).isInstanceOf(InvalidPatkitPropertyException.class).hasMessage(message);
        assertThat(((InvalidPatkitPropertyException) root).property()).isEqualTo(property);
        Leaks.assertNotIn(context.getStartupFailure(), gitlabSecret);
    }

    @Test
    void withoutProviders_makesPatkitAndNoClients() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(Patkit.class).hasSingleBean(PatkitClients.class)
                    .doesNotHaveBean(ProviderClient.class);
            assertThat(context.getBean(Patkit.class).providers()).contains("gitlab", "github");
            assertThat(context.getBean(PatkitClients.class).ids()).isEmpty();
        });
    }

    @Test
    void twoProviders_becomeQualifiedClientBeans_thatInspectTheirTokens() {
        runner.withPropertyValues(
                        "patkit.providers.gitlab.token=" + gitlabSecret,
                        "patkit.providers.gitlab.base-url=" + gitlab.baseUri(),
                        "patkit.providers.github.token=" + githubSecret,
                        "patkit.providers.github.base-url=" + github.baseUri())
                .withUserConfiguration(NeedsGitLab.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(ProviderClient.class)).containsOnlyKeys("patkit.gitlab", "patkit.github");
                    ProviderClient injected = context.getBean(NeedsGitLab.class).client;
                    assertThat(injected).isSameAs(context.getBean(PatkitClients.class).get("gitlab"));
                    assertThat(injected.providerId()).isEqualTo("gitlab");
                    assertThat(injected.baseUri()).isEqualTo(gitlab.baseUri());
                    assertThat(injected.inspect().owner().orElseThrow().id()).isEqualTo(owner.id());
                    assertThat(context.getBean("patkit.github", ProviderClient.class).inspect().owner().orElseThrow().login())
                            .contains("octo");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsGitLab {
        final ProviderClient client;

        NeedsGitLab(@Qualifier("gitlab") ProviderClient client) {
            this.client = client;
        }
    }

    @Test
    void tokenFile_isRead() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), gitlabSecret + "\n");
        runner.withPropertyValues("patkit.providers.gitlab.token-file=" + file,
                        "patkit.providers.gitlab.base-url=" + gitlab.baseUri())
                .run(context -> assertThat(context.getBean(PatkitClients.class).get("gitlab").inspect().isActive(java.time.Clock.systemUTC())).isTrue());
    }

    @Test
    void tokenEnv_isRead() {
        String fromEnvironment = System.getenv("PATKIT_STARTER_TEST_TOKEN");
        assertThat(fromEnvironment).as("set by the module's surefire configuration").isNotNull();
        gitlab.addToken(TokenSeed.named("env").owner(owner).scopes("read_api").secret(fromEnvironment));
        runner.withPropertyValues("patkit.providers.gitlab.token-env=PATKIT_STARTER_TEST_TOKEN",
                        "patkit.providers.gitlab.base-url=" + gitlab.baseUri())
                .run(context -> assertThat(context.getBean(PatkitClients.class).get("gitlab").inspect().tokenName())
                        .contains("env"));
    }

    @Test
    void noTokenSource_failsNamingTheProperties() {
        runner.withPropertyValues("patkit.providers.gitlab.base-url=" + gitlab.baseUri())
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.token",
                        "Invalid property patkit.providers.gitlab.token: no token is set; set exactly one of"
                                + " patkit.providers.gitlab.token, patkit.providers.gitlab.token-file or"
                                + " patkit.providers.gitlab.token-env"));
    }

    @Test
    void twoTokenSources_fail() {
        runner.withPropertyValues("patkit.providers.gitlab.token=" + gitlabSecret,
                        "patkit.providers.gitlab.token-env=GITLAB_TOKEN")
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.token",
                        "Invalid property patkit.providers.gitlab.token: more than one token source is set; set exactly"
                                + " one of patkit.providers.gitlab.token, patkit.providers.gitlab.token-file or"
                                + " patkit.providers.gitlab.token-env"));
    }

    @Test
    void malformedToken_failsWithoutQuotingIt() {
        String spaced = gitlabSecret.substring(0, 10) + " " + gitlabSecret.substring(10);
        runner.withPropertyValues("patkit.providers.gitlab.token=" + spaced)
                .run(context -> {
                    assertFailsOn(context, "patkit.providers.gitlab.token",
                            "Invalid property patkit.providers.gitlab.token: The token contains white space at position 10");
                    Leaks.assertNotIn(context.getStartupFailure(), gitlabSecret.substring(10));
                });
    }

    @Test
    void unsetTokenVariable_failsNamingItsProperty() {
        runner.withPropertyValues("patkit.providers.gitlab.token-env=PATKIT_TEST_UNSET_VARIABLE")
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.token-env",
                        "Invalid property patkit.providers.gitlab.token-env: Environment variable"
                                + " PATKIT_TEST_UNSET_VARIABLE is not set"));
    }

    @Test
    void unreadableTokenFile_failsNamingItsProperty() {
        Path missing = dir.resolve("missing");
        runner.withPropertyValues("patkit.providers.gitlab.token-file=" + missing)
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.token-file",
                        "Invalid property patkit.providers.gitlab.token-file: Cannot read a token from " + missing
                                + " (NoSuchFileException)"));
    }

    @Test
    void unknownProvider_failsNamingWhatIsAvailable() {
        runner.withPropertyValues("patkit.providers.gitea.token=" + gitlabSecret)
                .run(context -> assertFailsOn(context, "patkit.providers.gitea",
                        "Invalid property patkit.providers.gitea: there is no provider 'gitea'. Available: [github,"
                                + " gitlab]. Add the artifact dev.patkit:patkit-gitea to use it."));
    }

    @Test
    void baseUrlWithASecretInItsQuery_failsWithoutQuotingIt() {
        runner.withPropertyValues("patkit.providers.gitlab.token=" + gitlabSecret,
                        "patkit.providers.gitlab.base-url=https://gitlab.example.com/api/v4?private_token=" + gitlabSecret)
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.base-url",
                        "Invalid property patkit.providers.gitlab.base-url: must not hold user info, a query or a"
                                + " fragment (put credentials in the token properties)"));
    }

    @Test
    void relativeBaseUrl_fails() {
        runner.withPropertyValues("patkit.providers.gitlab.token=" + gitlabSecret,
                        "patkit.providers.gitlab.base-url=gitlab.example.com/api/v4")
                .run(context -> assertFailsOn(context, "patkit.providers.gitlab.base-url",
                        "Invalid property patkit.providers.gitlab.base-url: must be an absolute http or https URL with a host"));
    }

    @Test
    void options_comeFromProperties() {
        runner.withPropertyValues("patkit.connect-timeout=3s", "patkit.attempt-timeout=4s", "patkit.call-timeout=9s",
                        "patkit.user-agent=my-app/1.0", "patkit.rate-limit-policy=fail-fast", "patkit.max-redirects=2",
                        "patkit.max-response-bytes=65536", "patkit.retry.max-attempts=5", "patkit.retry.base-delay=50ms")
                .run(context -> {
                    var options = context.getBean(Patkit.class).options();
                    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(options.attemptTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(options.callTimeout()).isEqualTo(Duration.ofSeconds(9));
                    assertThat(options.userAgent()).isEqualTo("my-app/1.0");
                    assertThat(options.rateLimitPolicy()).isEqualTo(RateLimitPolicy.FAIL_FAST);
                    assertThat(options.maxRedirects()).isEqualTo(2);
                    assertThat(options.maxResponseBytes()).isEqualTo(65536);
                    assertThat(options.retryPolicy().maxAttempts()).isEqualTo(5);
                    assertThat(options.retryPolicy().baseDelay()).isEqualTo(Duration.ofMillis(50));
                    assertThat(options.retryPolicy().maxDelay()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(options.allowInsecureHttp()).isFalse();
                    assertThat(options.listener()).isSameAs(PatkitListener.NONE);
                });
    }

    @Test
    void unsetOptions_keepPatkitsDefaults() {
        runner.run(context -> {
            var options = context.getBean(Patkit.class).options();
            var defaults = dev.patkit.core.PatkitOptions.defaults();
            assertThat(options.callTimeout()).isEqualTo(defaults.callTimeout());
            assertThat(options.retryPolicy()).isEqualTo(defaults.retryPolicy());
            assertThat(options.userAgent()).isEqualTo(defaults.userAgent());
        });
    }

    @Test
    void badOption_failsNamingIt() {
        runner.withPropertyValues("patkit.call-timeout=0s")
                .run(context -> assertFailsOn(context, "patkit.call-timeout",
                        "Invalid property patkit.call-timeout: callTimeout must be positive"));
        runner.withPropertyValues("patkit.retry.max-attempts=0")
                .run(context -> assertFailsOn(context, "patkit.retry.max-attempts",
                        "Invalid property patkit.retry.max-attempts: maxAttempts must be at least 1"));
        runner.withPropertyValues("patkit.retry.max-delay=-1s")
                .run(context -> assertFailsOn(context, "patkit.retry.max-delay",
                        "Invalid property patkit.retry.max-delay: must not be negative"));
    }

    @Test
    void applicationsOwnHttpClientMapperClockAndListener_areUsed() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            var options = context.getBean(Patkit.class).options();
            assertThat(options.httpClient()).containsSame(context.getBean(HttpClient.class));
            assertThat(options.objectMapper()).containsSame(context.getBean(ObjectMapper.class));
            assertThat(options.clock()).isSameAs(context.getBean(Clock.class));
            assertThat(options.listener()).isSameAs(context.getBean(PatkitListener.class));
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        @Bean
        HttpClient httpClient() {
            return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        }

        @Bean
        ObjectMapper objectMapper() {
            return new ObjectMapper();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        PatkitListener listener() {
            return new PatkitListener() {};
        }
    }

    @Test
    void anHttpClientThatFollowsRedirects_failsTheStart() {
        runner.withBean(HttpClient.class, () -> HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build())
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(rootCause(context)).isInstanceOf(UnsafeConfigurationException.class)
                            .hasMessageContaining("followRedirects(HttpClient.Redirect.NEVER)");
                });
    }

    @Test
    void applicationsOwnPatkit_isKept() {
        runner.withBean(Patkit.class, () -> Patkit.builder().build())
                .withPropertyValues("patkit.user-agent=ignored")
                .run(context -> {
                    assertThat(context).hasSingleBean(Patkit.class);
                    assertThat(context.getBean(Patkit.class).options().userAgent()).isNotEqualTo("ignored");
                });
    }

    @Test
    void listeners_allHearEvents() {
        List<String> first = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> second = new java.util.concurrent.CopyOnWriteArrayList<>();
        runner.withBean("one", PatkitListener.class, () -> new PatkitListener() {
                    @Override
                    public void requestSent(String provider, String host, String method, int attempt) {
                        first.add(provider + " " + method);
                    }
                })
                .withBean("two", PatkitListener.class, () -> new PatkitListener() {
                    @Override
                    public void responseReceived(String provider, String host, String method, int status, int attempt,
                            Duration elapsed) {
                        second.add(provider + " " + status);
                    }
                })
                .withPropertyValues("patkit.providers.gitlab.token=" + gitlabSecret,
                        "patkit.providers.gitlab.base-url=" + gitlab.baseUri())
                .run(context -> {
                    context.getBean(PatkitClients.class).get("gitlab").inspect();
                    // GitLab's inspect reads the token and, alongside, GET /user for the owner's login.
                    assertThat(first).containsExactly("gitlab GET", "gitlab GET");
                    assertThat(second).containsExactly("gitlab 200", "gitlab 200");
                });
    }

    @Test
    void failureAnalyzer_namesThePropertyAndTheAction() {
        var analysis = new PatkitPropertyFailureAnalyzer().analyze(new IllegalStateException("wrapped",
                new InvalidPatkitPropertyException("patkit.providers.gitlab.token", "no token is set")));
        assertThat(analysis.getDescription()).isEqualTo("Invalid property patkit.providers.gitlab.token: no token is set");
        assertThat(analysis.getAction()).isEqualTo("Correct the property patkit.providers.gitlab.token (see the Patkit"
                + " Spring Boot starter's README).");
    }
}
