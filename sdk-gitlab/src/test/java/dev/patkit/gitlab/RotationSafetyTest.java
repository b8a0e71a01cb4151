package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.ConflictException;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.rotation.TokenRotator;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.gitlab.GitLabRotationOutcomeException.OldTokenState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class RotationSafetyTest extends GitLabTestSupport {

    private static final String SELF = API + "/personal_access_tokens/self";
    private static final String UNAUTHORIZED = "{\"message\":\"401 Unauthorized\"}";

    /** GET self answers 200 until the rotate arrives, then 401: the rotate took effect but its response was lost. */
    private void stubRotateCommittedButResponseLost(Fault fault) {
        wm.stubFor(get(urlEqualTo(SELF)).inScenario("rotate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(SELF + "/rotate")).inScenario("rotate").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(fault)).willSetStateTo("rotated"));
        wm.stubFor(get(urlEqualTo(SELF)).inScenario("rotate").whenScenarioStateIs("rotated")
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json").withBody(UNAUTHORIZED)));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"EMPTY_RESPONSE", "CONNECTION_RESET_BY_PEER"})
    void rotate_whenResponseLost_reportsAmbiguousOutcome_andNeverResends(Fault fault) {
        stubRotateCommittedButResponseLost(fault);

        GitLabRotationOutcomeException e = catchThrowableOfType(GitLabRotationOutcomeException.class,
                () -> client.tokens().rotate("self", LocalDate.parse("2026-02-01")));

        assertThat(e).isInstanceOf(AmbiguousOutcomeException.class);
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
        wm.verify(2, getRequestedFor(urlEqualTo(SELF)));
        assertThat(e.oldToken()).isEqualTo(OldTokenState.REVOKED);
        assertThat(e.oldTokenLooksRevoked()).isTrue();
        assertThat(e.tokenId()).isEqualTo("self");
        assertThat(e.tokenName()).contains("release-bot");
        assertThat(e.sentAt()).isEqualTo(NOW);
        TokenQuery q = e.recoveryQuery();
        assertThat(q.search()).contains("release-bot");
        assertThat(q.ownerId()).contains("17");
        assertThat(q.state()).contains(TokenQuery.State.ACTIVE);
        assertThat(q.createdAfter()).contains(Instant.parse("2025-12-30T11:55:00Z"));
        assertThat(q.sort()).contains("created_desc");
        assertThat(e.getMessage()).contains("did not send it again").contains("looks revoked")
                .contains("named 'release-bot'").contains("with another credential");
        assertThat(e.getCause()).isInstanceOf(AmbiguousOutcomeException.class);
        Leaks.assertNotIn(e, canary);
        Leaks.assertNotLogged(canary);
    }

    @Test
    void rotate_whenResponseLost_andOldTokenStillActive_keepsTheGuard() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        GitLabRotationOutcomeException e = catchThrowableOfType(GitLabRotationOutcomeException.class,
                () -> client.tokens().rotate("4242"));

        assertThat(e.oldToken()).isEqualTo(OldTokenState.ACTIVE);
        assertThat(e.getMessage()).contains("most probably did not take effect").contains("will not rotate it again")
                .contains("recoveryQuery()");
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));

        // An old token that still works does not prove a slow server will not finish the first rotate:
        // this client refuses a second one without sending it.
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate"))
                .willReturn(okJson(fixture("pat-created.json", Canary.gitlab()))));
        assertThatThrownBy(() -> client.tokens().rotate("4242")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already rotated it");
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504})
    void rotate_answeredWithA5xx_isAmbiguous_keepsTheGuard_andIsNeverSentTwice(int status) {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad Gateway</body></html>")));

        GitLabRotationOutcomeException e = catchThrowableOfType(GitLabRotationOutcomeException.class,
                () -> client.tokens().rotate("4242"));

        assertThat(e.getCause()).isInstanceOf(AmbiguousOutcomeException.class)
                .hasMessageContaining("answered HTTP " + status);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.recoveryQuery().createdAfter()).isPresent();
        assertThatThrownBy(() -> client.tokens().rotate("4242")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> client.tokens().rotate("self")).isInstanceOf(ConflictException.class);
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
    }

    @Test
    void rotate_whenResponseLost_andProbeInconclusive_reportsUnknown() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(API + "/personal_access_tokens/4242/rotate")).inScenario("p")
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)).willSetStateTo("after"));
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).inScenario("p").whenScenarioStateIs("after")
                .willReturn(aResponse().withStatus(403).withBody("{\"message\":\"403 Forbidden\"}")));

        GitLabRotationOutcomeException e = catchThrowableOfType(GitLabRotationOutcomeException.class,
                () -> client.tokens().rotate("4242"));

        assertThat(e.oldToken()).isEqualTo(OldTokenState.UNKNOWN);
        assertThat(e.getMessage()).contains("HTTP 403").contains("Do not rotate it again");
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
    }

    @Test
    void rotate_ofRevokedToken_isRefusedBeforeAnyPost() {
        wm.stubFor(get(urlEqualTo(API + "/personal_access_tokens/4242")).willReturn(okJson(
                fixture("pat-self.json").replace("\"revoked\": false", "\"revoked\": true").replace("\"active\": true", "\"active\": false"))));

        ConflictException e = catchThrowableOfType(ConflictException.class, () -> client.tokens().rotate("4242"));

        assertThat(e).hasMessageContaining("it is REVOKED").hasMessageContaining("whole token family");
        wm.verify(0, postRequestedFor(urlMatching(".*")));
    }

    @Test
    void rotate_self_whenTokenAlreadyRejected_isNotSent() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\",\"error_description\":\"Token was revoked. You have to re-authorize from the user.\"}")));

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> client.tokens().rotate("self"));

        assertThat(e).hasMessageContaining("revoked");
        wm.verify(0, postRequestedFor(urlMatching(".*")));
    }

    @Test
    void rotate_sameTokenTwiceWithOneClient_secondIsRefusedLocally() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(okJson(fixture("pat-self.json"))));
        wm.stubFor(post(urlEqualTo(SELF + "/rotate")).willReturn(okJson(fixture("pat-created.json", Canary.gitlab()))));

        client.tokens().rotate("self");
        ConflictException bySelf = catchThrowableOfType(ConflictException.class, () -> client.tokens().rotate("self"));
        // The pre-rotation check learnt that "self" is token 4242, so the id is guarded too.
        ConflictException byId = catchThrowableOfType(ConflictException.class, () -> client.tokens().rotate("4242"));

        assertThat(bySelf).hasMessageContaining("already rotated");
        assertThat(byId).hasMessageContaining("already rotated");
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
    }

    /** A project token's check of {@code self} reads /personal_access_tokens/self; a 403 there does not block. */
    @Test
    void rotate_whenPreCheckForbidden_stillRotates() {
        wm.stubFor(get(urlEqualTo(SELF)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"403 Forbidden\"}")));
        wm.stubFor(post(urlEqualTo(API + "/projects/5/access_tokens/self/rotate"))
                .willReturn(okJson(fixture("project-token-created.json", Canary.gitlab()))));

        assertThat(client.projectTokens("5").rotate("self").authorization().tokenId()).contains("89");
        wm.verify(1, getRequestedFor(urlEqualTo(SELF)));
        wm.verify(1, postRequestedFor(urlMatching(".*/rotate")));
    }

    /** Core's rotator of a GitLab family rotates through the same guard and probes the old token with a GET. */
    @Test
    void rotator_goesThroughTheGuard_andProbesTheOldToken() {
        String project = API + "/projects/5/access_tokens";
        wm.stubFor(get(urlEqualTo(project + "/88")).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(fixture("project-token.json"))));
        wm.stubFor(post(urlEqualTo(project + "/88/rotate")).inScenario("r")
                .willReturn(okJson(fixture("project-token-created.json", Canary.gitlab()))).willSetStateTo("rotated"));
        wm.stubFor(get(urlEqualTo(project + "/88")).inScenario("r").whenScenarioStateIs("rotated")
                .willReturn(okJson(fixture("project-token.json").replace("\"revoked\": false", "\"revoked\": true")
                        .replace("\"active\": true", "\"active\": false"))));
        TokenRotator rotator = client.projectTokens("5").rotator("88");

        assertThat(rotator.rotate(Optional.of(LocalDate.parse("2026-02-01"))).authorization().tokenId()).contains("89");
        assertThat(rotator.oldTokenActive()).contains(false);
        assertThatThrownBy(() -> rotator.rotate(Optional.empty())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already rotated");
        assertThat(rotator.describe()).isEqualTo("token 88 of gitlab project 5 access tokens at " + wm.baseUrl() + API);
        wm.verify(1, postRequestedFor(urlEqualTo(project + "/88/rotate"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.equalToJson("{\"expires_at\":\"2026-02-01\"}")));
        wm.verify(2, getRequestedFor(urlEqualTo(project + "/88")));
    }

    @Test
    void rotate_serviceAccountToken_whenResponseLost_reportsUnknown_withoutProbing() {
        wm.stubFor(post(urlEqualTo(API + "/groups/9/service_accounts/77/personal_access_tokens/3/rotate"))
                .willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        GitLabRotationOutcomeException e = catchThrowableOfType(GitLabRotationOutcomeException.class,
                () -> client.groupServiceAccounts("9").tokens("77").rotate("3"));

        assertThat(e.oldToken()).isEqualTo(OldTokenState.UNKNOWN);
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }
}
