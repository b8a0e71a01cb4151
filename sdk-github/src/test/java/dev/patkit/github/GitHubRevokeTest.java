package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static dev.patkit.github.GitHubForge.client;
import static dev.patkit.github.GitHubForge.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GitHubRevokeTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void revokeCredentials_2500Tokens_areSentUnauthenticatedInThreeBatchesOneSecondApart() throws Exception {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            tokens.add(Token.of(Canary.githubClassic()));
        }

        RevocationReport report = client(forge).revokeCredentials(tokens);

        forge.wm().verify(exactly(3), postRequestedFor(urlEqualTo("/credentials/revoke"))
                .withHeader("Authorization", absent())
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        List<LoggedRequest> sent = forge.wm().findAll(postRequestedFor(urlEqualTo("/credentials/revoke")));
        List<Integer> sizes = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (LoggedRequest r : sent) {
            JsonNode body = JSON.readTree(r.getBodyAsString());
            assertThat(body.fieldNames()).toIterable().containsExactly("credentials");
            sizes.add(body.get("credentials").size());
            body.get("credentials").forEach(n -> all.add(n.asText()));
        }
        assertThat(sizes).containsExactly(1000, 1000, 500);
        assertThat(all).containsExactlyElementsOf(tokens.stream().map(Token::reveal).toList());
        assertThat(report.batches()).extracting(RevocationReport.Batch::outcome)
                .containsOnly(RevocationReport.Outcome.ACCEPTED);
        assertThat(report.batches()).extracting(RevocationReport.Batch::httpStatus).containsOnly(202);
        assertThat(report.batches().get(2).fingerprints()).hasSize(500)
                .containsExactlyElementsOf(tokens.subList(2000, 2500).stream().map(Token::fingerprint).toList());
        assertThat(report.allAccepted()).isTrue();
        assertThat(report.acceptedTokens()).isEqualTo(2500);
        assertThat(forge.sleeper().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(report.toString()).doesNotContain(tokens.get(0).reveal());
    }

    @Test
    void revokeCredentials_whenGitHubEchoesATokenInItsError_theReportHasNoToken() {
        String other = Canary.githubClassic();
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"Validation Failed: " + other + " is malformed\",\"status\":\"422\"}")));

        RevocationReport report = client(forge).revokeCredentials(List.of(Token.of(other)));

        RevocationReport.Batch batch = report.batches().get(0);
        assertThat(batch.error()).hasValueSatisfying(e -> {
            assertThat(e.getMessage()).contains("*** is malformed");
            dev.patkit.core.testing.Leaks.assertNotIn(e, other);
        });
        assertThat(report.toString()).doesNotContain(other);
        dev.patkit.core.testing.Leaks.assertNotLogged(other);
    }

    @Test
    void revokeSelf_sendsTheClientsOwnTokenWithoutAuthorization() {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));

        client(forge).tokens().revoke("self");

        forge.wm().verify(exactly(1), postRequestedFor(urlEqualTo("/credentials/revoke"))
                .withHeader("Authorization", absent())
                .withRequestBody(equalToJson("{\"credentials\":[\"" + forge.canary() + "\"]}")));
    }

    @Test
    void revokeByAnyOtherId_isRefusedBeforeSending() {
        assertThatThrownBy(() -> client(forge).tokens().revoke("12345"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("revoke(\"self\")");
        forge.wm().verify(exactly(0), postRequestedFor(urlEqualTo("/credentials/revoke")));
    }

    @Test
    void revokeCredentials_refusesOtherProvidersTokens_withoutSendingAnything() {
        String gitlab = Canary.gitlab();

        assertThatThrownBy(() -> client(forge).revokeCredentials(List.of(token(forge), Token.of(gitlab))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Token #2")
                .satisfies(e -> Leaks.assertNotIn(e, gitlab))
                .satisfies(e -> Leaks.assertNotIn(e, forge.canary()));
        assertThatThrownBy(() -> client(forge).revokeCredentials(List.of())).isInstanceOf(ValidationException.class);
        forge.wm().verify(exactly(0), postRequestedFor(urlEqualTo("/credentials/revoke")));
    }

    @Test
    void revokeCredentials_duplicatesAreSentOnce() {
        forge.wm().stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));

        client(forge).revokeCredentials(List.of(token(forge), Token.of(forge.canary())));

        forge.wm().verify(postRequestedFor(urlEqualTo("/credentials/revoke"))
                .withRequestBody(equalToJson("{\"credentials\":[\"" + forge.canary() + "\"]}")));
    }

    @Test
    void revokeCredentials_serverErrorIsRetried_becauseRevocationIsIdempotent() {
        forge.wm().stubFor(post("/credentials/revoke").inScenario("r").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        forge.wm().stubFor(post("/credentials/revoke").inScenario("r").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(202)));

        RevocationReport report = client(forge).revokeCredentials(List.of(token(forge)));

        assertThat(report.allAccepted()).isTrue();
        forge.wm().verify(exactly(2), postRequestedFor(urlEqualTo("/credentials/revoke")));
    }

    @Test
    void revokeCredentials_aRateLimitedBatch_stopsTheRest_andEachBatchIsReported() {
        forge.wm().stubFor(post("/credentials/revoke").inScenario("r").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Validation Failed\",\"status\":\"422\"}")).willSetStateTo("limited"));
        forge.wm().stubFor(post("/credentials/revoke").inScenario("r").whenScenarioStateIs("limited")
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(ProviderHarness.NOW.plusSeconds(3000).getEpochSecond()))
                        .withBody("{\"message\":\"API rate limit exceeded\"}")));
        List<Token> tokens = new ArrayList<>();
        for (int i = 0; i < 3001; i++) {
            tokens.add(Token.of(Canary.githubClassic()));
        }

        RevocationReport report = client(forge).revokeCredentials(tokens);

        assertThat(report.batches()).extracting(RevocationReport.Batch::outcome).containsExactly(
                RevocationReport.Outcome.FAILED, RevocationReport.Outcome.FAILED,
                RevocationReport.Outcome.NOT_SENT, RevocationReport.Outcome.NOT_SENT);
        assertThat(report.batches().get(0).httpStatus()).isEqualTo(422);
        assertThat(report.batches().get(1).error()).containsInstanceOf(RateLimitedException.class);
        assertThat(report.allAccepted()).isFalse();
        assertThat(report.acceptedTokens()).isZero();
        forge.wm().verify(exactly(2), postRequestedFor(urlEqualTo("/credentials/revoke")));
    }
}
