package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.patkit.atomgit.AtomGitTestSupport.NOW;
import static dev.patkit.atomgit.AtomGitTestSupport.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.RecordingSleeper;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Git over HTTPS: the owner's login as user name (UNVERIFIED what AtomGit checks), the token as password. */
class GitCredentialsTest {

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final String secret = Canary.opaque();
    private Patkit patkit;

    @BeforeEach
    void setUp() {
        patkit = AtomGitTestSupport.patkit(AtomGitTestSupport.options(new RecordingSleeper()).build());
    }

    @AfterEach
    void tearDown() {
        patkit.close();
    }

    private URI base() {
        return URI.create(wm.baseUrl() + "/api/v5");
    }

    @Test
    void recordedLogin_isUsedWithoutAnyRequest() {
        RecordedToken record = RecordedToken.builder().ownerLogin("yinlin").expiresAt(NOW.plusSeconds(3600)).build();
        AtomGitClient client = patkit.client("atomgit", base(), AtomGitCredential.of(Token.of(secret), record))
                .unwrap(AtomGitClient.class);

        GitCredentials c = client.gitCredentials();

        assertThat(c.username()).isEqualTo("yinlin");
        assertThat(c.password().reveal()).isEqualTo(secret);
        assertThat(c.expiresAt()).contains(NOW.plusSeconds(3600));
        assertThat(c.toString()).doesNotContain(secret);
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownLogin_isLearnedOnceFromTheUserEndpoint() {
        wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(fixture("user.json"))));
        AtomGitClient client = patkit.client("atomgit", base(), Token.of(secret)).unwrap(AtomGitClient.class);

        GitCredentials first = client.gitCredentials();
        GitCredentials second = client.gitCredentials();

        assertThat(first.username()).isEqualTo("yinlin");
        assertThat(second.username()).isEqualTo("yinlin");
        assertThat(first.expiresAt()).isEmpty();
        wm.verify(1, getRequestedFor(urlEqualTo("/api/v5/user")));
    }

    @Test
    void serverLogin_winsOverARecordedOne() {
        wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(fixture("user.json"))));
        AtomGitClient client = patkit.client("atomgit", base(), AtomGitCredential.of(Token.of(secret),
                RecordedToken.builder().ownerLogin("renamed-since").build())).unwrap(AtomGitClient.class);

        client.inspect();

        assertThat(client.gitCredentials().username()).isEqualTo("yinlin");
    }

    @Test
    void serverWithoutLogin_failsWithAHintToRecordIt() {
        wm.stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"abc\"}")));
        AtomGitClient client = patkit.client("atomgit", base(), Token.of(secret)).unwrap(AtomGitClient.class);

        assertThatThrownBy(client::gitCredentials).isInstanceOf(PatkitException.class)
                .hasMessageContaining("ownerLogin");
    }
}
