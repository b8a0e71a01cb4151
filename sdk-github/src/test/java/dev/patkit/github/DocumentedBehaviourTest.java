package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.patkit.github.GitHubForge.client;
import static dev.patkit.github.GitHubForge.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Capability;
import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitHub behaviour that GitHub's documentation fixes and the first implementation had wrong. Each
 * test names the section of {@code reference/github-gitlab.md} it follows. WireMock's origin is not
 * api.github.com, so the client takes it for a GitHub Enterprise Server.
 */
class DocumentedBehaviourTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    private static String random(int n) {
        String b62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        java.security.SecureRandom r = new java.security.SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(b62.charAt(r.nextInt(62)));
        }
        return sb.toString();
    }

    private static final String CLASSIC_BODY = Canary.githubClassic().substring(4);

    /** A token in GitHub's stateless installation format: ghs_APPID_JWT, about 520 characters. */
    private static String statelessInstallationToken() {
        return "ghs_4242_eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9." + random(330) + "." + random(140) + "_" + random(3);
    }

    // ---- /credentials/revoke takes five kinds ------------------------------------------------

    /**
     * github-gitlab.md, GITHUB §5 "Credential revocation API": exactly ghp_, github_pat_, gho_, ghu_,
     * ghr_; not ghs_, not 40-hex.
     */
    @Test
    void revokeCredentials_refusesInstallationAndLegacyTokens_beforeSendingAnything() {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
        Token installation = Token.of(statelessInstallationToken());
        Token legacy = Token.of("0123456789abcdef0123456789abcdef01234567");

        Throwable ghs = catchThrowable(() -> client(forge).revokeCredentials(List.of(Token.of(Canary.githubClassic()), installation)));
        Throwable hex = catchThrowable(() -> client(forge).revokeCredentials(List.of(legacy)));

        assertThat(ghs).isInstanceOf(ValidationException.class).hasMessageContaining("Token #2")
                .hasMessageContaining("takes ghp_, github_pat_, gho_, ghu_ and ghr_ only")
                .hasMessageContaining("revoke(\"self\") on a client built with it");
        assertThat(hex).isInstanceOf(ValidationException.class).hasMessageContaining("Token #1")
                .hasMessageContaining("GITHUB_LEGACY");
        Leaks.assertNotIn(ghs, installation.reveal());
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }

    @Test
    void revokeCredentials_sendsEveryAcceptedKind() {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
        List<Token> accepted = List.of(Token.of("ghp_" + CLASSIC_BODY), Token.of(Canary.githubFineGrained()),
                Token.of("gho_" + CLASSIC_BODY), Token.of("ghu_" + CLASSIC_BODY),
                Token.of("ghr_" + random(76)));

        RevocationReport report = client(forge).revokeCredentials(accepted);

        assertThat(report.allAccepted()).isTrue();
        forge.wm().verify(1, postRequestedFor(urlEqualTo("/credentials/revoke")).withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"credentials\":[\"" + String.join("\",\"",
                        accepted.stream().map(Token::reveal).toList()) + "\"]}")));
    }

    /**
     * github-gitlab.md, GITHUB §5 "Installation tokens": a ghs_ token revokes itself with DELETE
     * /installation/token (204).
     */
    @Test
    void installationToken_revokesItself_withDeleteInstallationToken() {
        String secret = statelessInstallationToken();
        forge.wm().stubFor(delete("/installation/token").willReturn(aResponse().withStatus(204)));
        GitHubClient gh = client(forge, Token.of(secret));

        assertThat(gh.capabilities()).contains(Capability.REVOKE);
        gh.tokens().revoke("self");

        forge.wm().verify(1, deleteRequestedFor(urlEqualTo("/installation/token"))
                .withHeader("Authorization", equalTo("Bearer " + secret)));
        forge.wm().verify(0, postRequestedFor(urlEqualTo("/credentials/revoke")));
        Leaks.assertNotLogged(secret);
    }

    @Test
    void legacyToken_cannotRevokeItself_andSaysWhereToDeleteIt() {
        GitHubClient gh = client(forge, Token.of("0123456789abcdef0123456789abcdef01234567"));

        Throwable e = catchThrowable(() -> gh.tokens().revoke("self"));

        assertThat(gh.capabilities()).doesNotContain(Capability.REVOKE);
        assertThat(e).isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("/settings/tokens");
        assertThat(forge.wm().getAllServeEvents()).isEmpty();
    }

    // ---- which hosts offer /credentials/revoke -------------------------------------------------

    /**
     * github-gitlab.md, GITHUB §5: /credentials/revoke exists on GHES 3.18 and later; the version is
     * read once per host.
     */
    @Test
    void enterpriseServerOlderThan318_refusesCredentialRevocation_afterReadingItsVersionOnce() {
        forge.wm().stubFor(get("/meta").willReturn(okJson("{\"installed_version\":\"3.17.4\",\"verifiable_password_authentication\":true}")));
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
        GitHubClient gh = client(forge);

        Throwable first = catchThrowable(() -> gh.revokeCredentials(List.of(Token.of(Canary.githubClassic()))));
        Throwable second = catchThrowable(() -> client(forge, Token.of(Canary.githubClassic())).tokens().revoke("self"));

        assertThat(first).isInstanceOf(UnsupportedCapabilityException.class).hasMessageContaining("version 3.17")
                .hasMessageContaining("from 3.18 on");
        assertThat(second).isInstanceOf(UnsupportedCapabilityException.class);
        assertThat(gh.capabilities()).doesNotContain(Capability.REVOKE);
        forge.wm().verify(1, getRequestedFor(urlEqualTo("/meta")).withHeader("Authorization", equalTo("Bearer " + forge.canary())));
        forge.wm().verify(0, postRequestedFor(urlEqualTo("/credentials/revoke")));
    }

    @Test
    void enterpriseServer318_revokes_andTheVersionHeaderIsEnough() {
        forge.wm().stubFor(get("/meta").willReturn(okJson("{}").withHeader("X-GitHub-Enterprise-Version", "3.18.0")));
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));

        client(forge).revokeCredentials(List.of(Token.of(Canary.githubClassic())));
        client(forge).tokens().revoke("self");

        forge.wm().verify(1, getRequestedFor(urlEqualTo("/meta")));
        forge.wm().verify(2, postRequestedFor(urlEqualTo("/credentials/revoke")));
        assertThat(client(forge).capabilities()).contains(Capability.REVOKE);
    }

    @Test
    void enterpriseServerWithoutAVersion_isAskedOnce_andTheRevocationIsSent() {
        forge.wm().stubFor(get("/meta").willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Not Found\"}")));
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));

        client(forge).revokeCredentials(List.of(Token.of(Canary.githubClassic())));
        client(forge).revokeCredentials(List.of(Token.of(Canary.githubClassic())));

        forge.wm().verify(1, getRequestedFor(urlEqualTo("/meta")));
        forge.wm().verify(2, postRequestedFor(urlEqualTo("/credentials/revoke")));
    }

    /**
     * github-gitlab.md, GITHUB §1 "Base URLs": GHE.com API hosts are api.SUBDOMAIN.ghe.com; recognised
     * as GitHub.
     */
    @Test
    void gheComHosts_areGitHub() {
        GitHubClientFactory factory = new GitHubClientFactory();

        assertThat(factory.baseUriFor(URI.create("https://octocorp.ghe.com/org/repo")))
                .contains(URI.create("https://api.octocorp.ghe.com"));
        assertThat(factory.baseUriFor(URI.create("https://api.octocorp.ghe.com/user")))
                .contains(URI.create("https://api.octocorp.ghe.com"));
        assertThat(factory.baseUriFor(URI.create("https://ghe.com/"))).isEmpty();
        assertThat(factory.baseUriFor(URI.create("https://evil.example/ghe.com"))).isEmpty();
        assertThat(factory.baseUriFor(URI.create("https://a.b.ghe.com/"))).isEmpty();
        assertThat(forge.patkit().clientForHost(URI.create("https://octocorp.ghe.com"), token(forge)).baseUri())
                .isEqualTo(URI.create("https://api.octocorp.ghe.com"));
    }

    // ---- token formats ------------------------------------------------------------------------

    /**
     * github-gitlab.md, GITHUB §2: new ghs_ (~520 characters, '.' and '_') and long ghr_ tokens carry
     * no length warning.
     */
    @Test
    void newInstallationAndRefreshFormats_areRecognisedWithoutWarnings() {
        Token ghs = Token.of(statelessInstallationToken());
        Token ghr = Token.of("ghr_" + random(76));

        assertThat(ghs.reveal().length()).isBetween(480, 560);
        assertThat(ghs.kind()).isEqualTo(TokenKind.GITHUB_APP_INSTALLATION);
        assertThat(ghs.format().warnings()).isEmpty();
        assertThat(ghr.kind()).isEqualTo(TokenKind.GITHUB_APP_REFRESH);
        assertThat(ghr.format().warnings()).isEmpty();
    }

    // ---- org grant filters --------------------------------------------------------------------

    /**
     * github-gitlab.md, GITHUB §5, org grants: the owner filter takes at most 10 logins (OpenAPI
     * maxItems 10).
     */
    @Test
    void grantQuery_withMoreThanTenOwners_isRefused_andTenAreSent() {
        forge.wm().stubFor(get(urlPathEqualTo("/orgs/acme/personal-access-tokens")).willReturn(okJson("[]")));
        GrantQuery.Builder eleven = GrantQuery.builder();
        IntStream.rangeClosed(1, 11).forEach(i -> eleven.owner("user" + i));
        GrantQuery.Builder ten = GrantQuery.builder();
        IntStream.rangeClosed(1, 10).forEach(i -> ten.owner("user" + i));

        assertThatThrownBy(eleven::build).isInstanceOf(ValidationException.class)
                .hasMessageContaining("at most 10 owners");
        assertThat(client(forge).listGrants("acme", ten.build()).toList()).isEmpty();

        assertThat(forge.wm().findAll(getRequestedFor(urlPathEqualTo("/orgs/acme/personal-access-tokens"))).get(0)
                .queryParameter("owner[]").values()).hasSize(10).first().isEqualTo("user1");
        assertThat(Optional.of(GrantQuery.MAX_OWNERS)).contains(10);
    }
}
