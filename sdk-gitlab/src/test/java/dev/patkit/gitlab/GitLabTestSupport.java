package dev.patkit.gitlab;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Core's {@link ProviderHarness} with a GitLab under a path prefix, a client of it holding the
 * canary, and GitLab's fixtures.
 */
abstract class GitLabTestSupport {

    /** The API path below the WireMock origin: a self-managed GitLab under a relative root. */
    static final String API = "/gitlab/api/v4";

    /** "Now" in every test unless a test moves the clock. */
    static final Instant NOW = ProviderHarness.NOW;

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at(API).canary(Canary.gitlab());

    final String canary = forge.canary();
    WireMockServer wm;
    List<Duration> sleeps;
    GitLabClient client;

    @BeforeEach
    void setUpClient() {
        wm = forge.wm();
        sleeps = forge.sleeper().waits();
        client = forge.client("gitlab", GitLabClient.class);
    }

    /** A fixture from {@code src/test/resources/dev/patkit/gitlab}, with {@code @@TOKEN@@} replaced. */
    static String fixture(String name, String newToken) {
        return fixture(name).replace("@@TOKEN@@", newToken);
    }

    static String fixture(String name) {
        return Fixtures.read(GitLabTestSupport.class, name);
    }
}
