package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Capability;
import dev.patkit.core.Credential;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ProviderClientFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DiscoveryAndGitTest extends GitLabTestSupport {

    @Test
    void factory_isFoundByServiceLoader_andById() {
        assertThat(ServiceLoader.load(ProviderClientFactory.class).stream().map(p -> p.type().getName()))
                .contains(GitLabClientFactory.class.getName());
        assertThat(forge.patkit().providers()).contains("gitlab");
        ProviderClient c = forge.patkit().client("gitlab", Token.of(canary));
        assertThat(c).isInstanceOf(GitLabClient.class);
        assertThat(c.baseUri()).isEqualTo(URI.create("https://gitlab.com/api/v4"));
        assertThat(c.providerId()).isEqualTo("gitlab");
    }

    @Test
    void factory_recognisesGitLabComHosts_only() {
        GitLabClientFactory f = new GitLabClientFactory();
        URI com = URI.create("https://gitlab.com/api/v4");
        assertThat(f.baseUriFor(URI.create("https://gitlab.com"))).contains(com);
        assertThat(f.baseUriFor(URI.create("https://gitlab.com/group/project.git"))).contains(com);
        assertThat(f.baseUriFor(URI.create("https://www.gitlab.com/"))).contains(com);
        assertThat(f.baseUriFor(URI.create("https://gitlab.example.com"))).isEmpty();
        assertThat(f.baseUriFor(URI.create("https://github.com"))).isEmpty();
        assertThat(f.defaultBaseUri()).isEqualTo(com);
        assertThat(f.id()).isEqualTo("gitlab");
        assertThat(f.artifactId()).isEqualTo("patkit-gitlab");

        ProviderClient byHost = forge.patkit().clientForHost(URI.create("https://gitlab.com/platform/api"), Token.of(canary));
        assertThat(byHost).isInstanceOf(GitLabClient.class);
        assertThat(byHost.baseUri()).isEqualTo(com);
    }

    @Test
    void factory_rejectsOtherCredentialKinds_withoutTheSecret() {
        Credential other = () -> "deadbeef";
        assertThatThrownBy(() -> forge.patkit().client("gitlab", other)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a Token");
    }

    @Test
    void selfManagedBaseUnderAPathPrefix_isUsedAsIs_evenWithTrailingSlash() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));
        GitLabClient c = forge.patkit().client("gitlab", URI.create(wm.baseUrl() + API + "/"), Token.of(canary))
                .unwrap(GitLabClient.class);

        assertThat(c.baseUri()).hasToString(wm.baseUrl() + API);
        assertThat(c.inspect().tokenId()).contains("4242");
    }

    @Test
    void capabilities_areAll_andClientIsHonestAboutThem() {
        assertThat(client.capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(client.tokens().capabilities()).containsExactlyInAnyOrder(Capability.LIST, Capability.GET,
                Capability.CREATE, Capability.ROTATE, Capability.REVOKE);
        assertThat(client.async().tokens()).isSameAs(client.tokens().async());
        assertThat(client.unwrap(GitLabClient.class)).isSameAs(client);
    }

    @Test
    void webCreationLink_keepsThePathPrefix_andEncodesTheName() {
        assertThat(client.webCreationLink("CI bot/é", List.of("api", "read_user"))).hasToString(wm.baseUrl()
                + "/gitlab/-/user_settings/personal_access_tokens?name=CI%20bot%2F%C3%A9&scopes=api,read_user");
        GitLabClient com = forge.patkit().client("gitlab", Token.of(canary)).unwrap(GitLabClient.class);
        assertThat(com.webCreationLink("x", List.of("read_api")))
                .hasToString("https://gitlab.com/-/user_settings/personal_access_tokens?name=x&scopes=read_api");
        assertThat(wm.getAllServeEvents()).isEmpty();
    }

    @Test
    void gitCredentials_useANeutralUserName_andTheTokenAsPassword() {
        GitCredentials g = client.gitCredentials();
        assertThat(g.username()).isEqualTo("patkit");
        assertThat(g.password().reveal()).isEqualTo(canary);
        assertThat(g.toString()).doesNotContain(canary);
    }

    @Test
    void checkedGitCredentials_allowPullWithReadRepository_refusePushWithout() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-legacy.json"))));

        GitCredentials pull = client.checkedGitCredentials(false);
        assertThat(pull.password().reveal()).isEqualTo(canary);
        assertThat(pull.expiresAt()).isEmpty();
        assertThatThrownBy(() -> client.checkedGitCredentials(true)).isInstanceOf(PermissionException.class)
                .hasMessageContaining("needs write_repository or api");
    }

    @Test
    void checkedGitCredentials_allowPushWithApi_andCarryTheExpiry() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));

        GitCredentials push = client.checkedGitCredentials(true);

        assertThat(push.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void checkedGitCredentials_refuseAnExpiredToken() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/self")).willReturn(okJson(fixture("pat-self.json"))));
        forge.clock().set(Instant.parse("2026-01-01T00:00:00Z"));

        assertThatThrownBy(() -> client.checkedGitCredentials(false)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("EXPIRED");
    }

    @Test
    void authenticate_addsPrivateTokenForOwnOrigin_only() {
        HttpRequest.Builder own = HttpRequest.newBuilder(URI.create(wm.baseUrl() + API + "/projects"));
        assertThat(client.authenticate(own).build().headers().firstValue("PRIVATE-TOKEN")).contains(canary);

        HttpRequest.Builder other = HttpRequest.newBuilder(URI.create("https://evil.example.com/api/v4/projects"));
        assertThatThrownBy(() -> client.authenticate(other)).isInstanceOf(InsecureTransportException.class);
        assertThat(other.build().headers().firstValue("PRIVATE-TOKEN")).isEmpty();
    }
}
