package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.GitCredentials;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Git over HTTPS: the owner's login as user name (UNVERIFIED what AtomGit checks), the token as password. */
class GitCredentialsTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));


    private URI base() {
        return forge.baseUri();
    }

    @Test
    void recordedLogin_isUsedWithoutAnyRequest() {
        RecordedToken record = RecordedToken.builder().ownerLogin("yinlin").expiresAt(ProviderHarness.NOW.plusSeconds(3600)).build();
        AtomGitClient client = forge.patkit().client("atomgit", base(), AtomGitCredential.of(Token.of(forge.canary()), record))
                .unwrap(AtomGitClient.class);

        GitCredentials c = client.gitCredentials();

        assertThat(c.username()).isEqualTo("yinlin");
        assertThat(c.password().reveal()).isEqualTo(forge.canary());
        assertThat(c.expiresAt()).contains(ProviderHarness.NOW.plusSeconds(3600));
        assertThat(c.toString()).doesNotContain(forge.canary());
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }

    @Test
    void unknownLogin_isLearnedOnceFromTheUserEndpoint() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(Fixtures.read(GitCredentialsTest.class, "user.json"))));
        AtomGitClient client = forge.patkit().client("atomgit", base(), Token.of(forge.canary())).unwrap(AtomGitClient.class);

        GitCredentials first = client.gitCredentials();
        GitCredentials second = client.gitCredentials();

        assertThat(first.username()).isEqualTo("yinlin");
        assertThat(second.username()).isEqualTo("yinlin");
        assertThat(first.expiresAt()).isEmpty();
        forge.wm().verify(1, getRequestedFor(urlEqualTo("/api/v5/user")));
    }

    @Test
    void serverLogin_winsOverARecordedOne() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody(Fixtures.read(GitCredentialsTest.class, "user.json"))));
        AtomGitClient client = forge.patkit().client("atomgit", base(), AtomGitCredential.of(Token.of(forge.canary()),
                RecordedToken.builder().ownerLogin("renamed-since").build())).unwrap(AtomGitClient.class);

        client.inspect();

        assertThat(client.gitCredentials().username()).isEqualTo("yinlin");
    }

    @Test
    void serverWithoutLogin_failsWithAHintToRecordIt() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(200).withBody("{\"id\":\"abc\"}")));
        AtomGitClient client = forge.patkit().client("atomgit", base(), Token.of(forge.canary())).unwrap(AtomGitClient.class);

        assertThatThrownBy(client::gitCredentials).isInstanceOf(PatkitException.class)
                .hasMessageContaining("ownerLogin");
    }
}
