package dev.patkit.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.NotFoundException;
import org.junit.jupiter.api.Test;

/** A revoke whose response was lost is retried; a retry that finds the token gone means it worked. */
class RevokeRetryTest extends GitLabTestSupport {

    private void lostThen(String path, int status, String body) {
        wm.stubFor(delete(API + path).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("gone"));
        wm.stubFor(delete(API + path).inScenario(path).whenScenarioStateIs("gone")
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void revokeById_lostResponseThen404_isRevoked() {
        lostThen("/personal_access_tokens/42", 404, "{\"message\":\"404 Not Found\"}");
        client.tokens().revoke("42");
        wm.verify(2, deleteRequestedFor(urlPathEqualTo(API + "/personal_access_tokens/42"))
                .withHeader("PRIVATE-TOKEN", equalTo(canary)));
    }

    @Test
    void revokeSelf_lostResponseThen401_isRevoked() {
        lostThen("/personal_access_tokens/self", 401,
                "{\"error\":\"invalid_token\",\"error_description\":\"Token was revoked. You have to re-authorize from the user.\"}");
        client.tokens().revoke("self");
        wm.verify(2, deleteRequestedFor(urlPathEqualTo(API + "/personal_access_tokens/self")));
    }

    @Test
    void revokeById_401OnTheRetry_isStillAnError_becauseTheClientsOwnCredentialWasRefused() {
        lostThen("/personal_access_tokens/43", 401, "{\"message\":\"401 Unauthorized\"}");
        assertThatThrownBy(() -> client.tokens().revoke("43")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void revokeById_404AtOnce_isNotFound() {
        wm.stubFor(delete(API + "/personal_access_tokens/44").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"404 Not Found\"}")));
        assertThatThrownBy(() -> client.tokens().revoke("44")).isInstanceOf(NotFoundException.class);
    }
}
