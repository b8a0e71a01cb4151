package dev.patkit.atomgit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Owner;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Permission;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InspectTest {

    @RegisterExtension
    static final ProviderHarness forge = ProviderHarness.at("/api/v5").canary(Canary.opaque())
            .options(o -> o.retryPolicy(RetryPolicy.none()));


    private URI base() {
        return forge.baseUri();
    }

    private AtomGitClient client() {
        return forge.patkit().client("atomgit", base(), Token.of(forge.canary())).unwrap(AtomGitClient.class);
    }

    private void stubUser(int status, String body) {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void inspect_sendsBearerTokenToUserEndpoint_andNeverPutsTokenInUrl() {
        stubUser(200, Fixtures.read(InspectTest.class, "user.json"));

        client().inspect();

        forge.wm().verify(1, getRequestedFor(urlEqualTo("/api/v5/user"))
                .withHeader("Authorization", equalTo("Bearer " + forge.canary()))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("PRIVATE-TOKEN", absent())
                .withQueryParam("access_token", absent()));
        assertThat(forge.wm().getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getUrl()).doesNotContain(forge.canary()));
    }

    @Test
    void inspect_acceptedToken_givesActiveAuthorizationWithStringIdFromServer() {
        stubUser(200, Fixtures.read(InspectTest.class, "user.json"));

        Authorization a = client().inspect();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(a.isActive(forge.clock())).isTrue();
        assertThat(a.provider()).isEqualTo("atomgit");
        assertThat(a.host()).isEqualTo(base());
        assertThat(a.owner()).contains(new Owner("6601148c5079ba0d1c00fc0e", Optional.of("yinlin"), Optional.of("Yin Lin"), Owner.Kind.USER));
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(a.scopes().isKnown()).isFalse();
        assertThat(a.scopes().allows("repo")).isEqualTo(Permission.UNKNOWN);
        assertThat(a.sourceOf(Authorization.Field.SCOPES)).isEmpty();
        assertThat(a.expiresAt()).isEmpty();
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).isEmpty();
        assertThat(a.tokenName()).isEmpty();
        assertThat(a.tokenKind()).contains("personal");
        // The user's created_at is not the token's.
        assertThat(a.createdAt()).isEmpty();
        assertThat(a.raw()).containsEntry("email", "yinlin@example.com")
                .containsEntry("html_url", "https://gitcode.com/yinlin").containsEntry("followers", 3);

        AtomGitUser user = AtomGitUser.of(a).orElseThrow();
        assertThat(user.id()).isEqualTo("6601148c5079ba0d1c00fc0e");
        assertThat(user.login()).contains("yinlin");
        assertThat(user.name()).contains("Yin Lin");
        assertThat(user.email()).contains("yinlin@example.com");
        assertThat(user.profileUrl()).contains(URI.create("https://gitcode.com/yinlin"));
        assertThat(user.avatarUrl()).contains(URI.create("https://cdn-img.gitcode.com/ab/cd/yinlin.png"));
        assertThat(user.type()).contains("User");
    }

    @Test
    void inspect_olderResponseWithOnlyIdAndLogin_givesOwnerWithoutName() {
        stubUser(200, Fixtures.read(InspectTest.class, "user-minimal.json"));

        Authorization a = client().inspect();

        assertThat(a.owner()).contains(new Owner("63db126c0566d2f7d2c9498c", Optional.of("olduser"), Optional.empty(), Owner.Kind.USER));
        AtomGitUser user = AtomGitUser.of(a).orElseThrow();
        assertThat(user.email()).isEmpty();
        assertThat(user.profileUrl()).isEmpty();
        assertThat(user.type()).isEmpty();
    }

    @Test
    void inspect_unknownExtraFields_areKeptInRawButSecretKeysAreDropped() {
        stubUser(200, Fixtures.read(InspectTest.class, "user-extra-fields.json"));

        Authorization a = client().inspect();

        assertThat(a.owner().orElseThrow().kind()).isEqualTo(Owner.Kind.BOT);
        assertThat(a.owner().orElseThrow().name()).isEmpty();
        assertThat(a.raw()).containsKey("top_languages").containsEntry("updated_at", "2026-02-02 09:31:24")
                .doesNotContainKey("private_token");
        @SuppressWarnings("unchecked")
        Map<String, Object> enterprise = (Map<String, Object>) a.raw().get("enterprise");
        assertThat(enterprise).containsEntry("path", "corp").doesNotContainKey("access_token");
        assertThat(a.toString()).doesNotContain("should-never-be-kept");
    }

    @Test
    void inspect_numericId_isKeptAsText_andMalformedProfileUrlIsLeftOut() {
        stubUser(200, Fixtures.read(InspectTest.class, "user-numeric-id.json"));

        Authorization a = client().inspect();

        assertThat(a.owner().orElseThrow().id()).isEqualTo("1234567");
        AtomGitUser user = AtomGitUser.of(a).orElseThrow();
        assertThat(user.id()).isEqualTo("1234567");
        assertThat(user.profileUrl()).isEmpty();
    }

    @Test
    void inspect_responseWithoutId_failsWithParseErrorNamingTheField() {
        stubUser(200, Fixtures.read(InspectTest.class, "user-without-id.json"));

        assertThatThrownBy(() -> client().inspect()).isInstanceOf(ResponseParseException.class)
                .hasMessageContaining("no user id").hasMessageContaining("'id'");
    }

    @Test
    void inspect_bodyThatIsNotJsonAndEchoesToken_failsWithoutQuotingIt() {
        stubUser(200, "{\"id\": " + forge.canary());

        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> client().inspect());

        assertThat(t).isInstanceOf(ResponseParseException.class).hasMessageContaining("inspect token");
        Leaks.assertNotIn(t, forge.canary());
    }

    @Test
    void inspect_rejectedToken_givesInvalidAuthorizationNotAnException() {
        stubUser(401, Fixtures.read(InspectTest.class, "error-401.json"));

        Authorization a = client().inspect();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(a.isActive(forge.clock())).isFalse();
        assertThat(a.owner()).isEmpty();
        assertThat(a.raw()).isEmpty();
        forge.wm().verify(1, getRequestedFor(urlEqualTo("/api/v5/user")));
    }

    @Test
    void inspect_rejectedTokenAfterRecordedExpiry_givesExpired() {
        stubUser(401, Fixtures.read(InspectTest.class, "error-401.json"));
        RecordedToken record = RecordedToken.builder().name("ci").expiresAt(ProviderHarness.NOW.minusSeconds(1)).build();

        Authorization a = client().withRecord(record).inspect();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(a.tokenName()).contains("ci");
        assertThat(a.expiresAt()).contains(ProviderHarness.NOW.minusSeconds(1));
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).contains(ValueSource.CALLER);
    }

    @Test
    void inspect_rejectedTokenBeforeRecordedExpiry_staysInvalid_andKeepsOwnerLearnedEarlier() {
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("revoked").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read(InspectTest.class, "user.json"))).willSetStateTo("gone"));
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("revoked").whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(401).withBody(Fixtures.read(InspectTest.class, "error-401.json"))));
        AtomGitClient client = client().withRecord(RecordedToken.builder().expiresOn(LocalDate.of(2027, 1, 1)).build());

        assertThat(client.inspect().status()).isEqualTo(AuthorizationStatus.ACTIVE);
        Authorization later = client.inspect();

        assertThat(later.status()).isEqualTo(AuthorizationStatus.INVALID);
        assertThat(later.owner().orElseThrow().id()).isEqualTo("6601148c5079ba0d1c00fc0e");
        assertThat(later.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
    }

    @Test
    void inspect_withRecord_marksNameScopesAndExpiryAsCallerAndOwnerAsServer() {
        stubUser(200, Fixtures.read(InspectTest.class, "user.json"));
        RecordedToken record = RecordedToken.builder().name("release-bot").scopes("repo", "workflow")
                .expiresOn(LocalDate.of(2026, 1, 8)).ownerId("000000000000000000000000").ownerLogin("stale").build();
        AtomGitClient client = forge.patkit().client("atomgit", base(), AtomGitCredential.of(Token.of(forge.canary()), record))
                .unwrap(AtomGitClient.class);

        Authorization a = client.inspect();

        assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
        assertThat(a.tokenName()).contains("release-bot");
        assertThat(a.scopes().names()).containsExactlyInAnyOrder("repo", "workflow");
        assertThat(a.sourceOf(Authorization.Field.SCOPES)).contains(ValueSource.CALLER);
        assertThat(a.scopes().allows("workflow")).isEqualTo(Permission.ALLOWED);
        assertThat(a.scopes().allows("delete_repo")).isEqualTo(Permission.DENIED);
        // 2026-01-08 00:00 at UTC+08:00, 8 days and 4 hours after the harness's now
        assertThat(a.expiresAt()).contains(Instant.parse("2026-01-07T16:00:00Z"));
        assertThat(a.sourceOf(Authorization.Field.EXPIRY)).contains(ValueSource.CALLER);
        assertThat(a.expiresWithin(Duration.ofDays(7), forge.clock())).isFalse();
        assertThat(a.expiresWithin(Duration.ofDays(9), forge.clock())).isTrue();
        // The server's owner replaces the recorded one.
        assertThat(a.owner().orElseThrow().id()).isEqualTo("6601148c5079ba0d1c00fc0e");
        assertThat(a.owner().orElseThrow().login()).contains("yinlin");
        assertThat(a.sourceOf(Authorization.Field.OWNER)).contains(ValueSource.SERVER);
        assertThat(client.knownOwner().orElseThrow().id()).isEqualTo("6601148c5079ba0d1c00fc0e");
    }

    @Test
    void inspect_serverErrorThenSuccess_isRetriedAfterRecordedWait() {
        Patkit retrying = Patkit.builder().options(PatkitOptions.builder().clock(forge.clock()).sleeper(forge.sleeper()).retryPolicy(RetryPolicy.none())
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1))).build()).build();
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "2")).willSetStateTo("up"));
        forge.wm().stubFor(get(urlEqualTo("/api/v5/user")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody(Fixtures.read(InspectTest.class, "user.json"))));
        try (retrying) {
            Authorization a = retrying.client("atomgit", base(), Token.of(forge.canary())).inspect();

            assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
            assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(2));
            forge.wm().verify(2, getRequestedFor(urlEqualTo("/api/v5/user")));
        }
    }

    @Test
    void inspectAsync_completesWithTheSameAuthorization() throws Exception {
        stubUser(200, Fixtures.read(InspectTest.class, "user.json"));

        Authorization a = client().async().inspect().get();

        assertThat(a.owner().orElseThrow().login()).contains("yinlin");
    }
}
