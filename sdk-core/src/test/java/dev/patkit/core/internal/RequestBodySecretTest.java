package dev.patkit.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A secret in a request body is put there as its {@link Token}: the pipeline writes its value on
 * the wire only, the request declares it carried so that server text echoing it is redacted, and
 * the mapper everyone else uses still writes only the redacted form.
 */
class RequestBodySecretTest extends PipelineTestBase {

    /** Not the client's credential: only the body carries it. */
    private final Token revoked = Token.of(Canary.gitlab());

    @AfterEach
    void revokedTokenNeverLogged() {
        Leaks.assertNotLogged(revoked.reveal());
    }

    private ApiRequest<Integer> revoke() {
        return ApiRequest.post("/tokens/revoke").json(Map.of("token", revoked, "reason", "rotated"))
                .operation("revoke a token").expect(r -> r.status());
    }

    @Test
    void aTokenInTheBody_isWrittenOnTheWireAsItsValue_andDeclaredCarried() {
        api.stubFor(post("/api/v4/tokens/revoke").willReturn(aResponse().withStatus(204)));
        ApiRequest<Integer> revoke = revoke();

        assertThat(revoke.carried()).containsExactly(revoked);
        assertThat(Futures.join(pipeline().send(revoke))).isEqualTo(204);
        api.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/tokens/revoke"))
                .withRequestBody(equalToJson("{\"token\":\"" + revoked.reveal() + "\",\"reason\":\"rotated\"}")));
    }

    @Test
    void tokensNestedInListsAndMaps_areCarriedToo() {
        Token second = Token.of(Canary.opaque());
        ApiRequest<Integer> batch = ApiRequest.post("/credentials/revoke")
                .json(Map.of("credentials", List.of(revoked, Map.of("value", second)))).expect(r -> r.status());
        assertThat(batch.carried()).containsExactlyInAnyOrder(revoked, second);
    }

    @Test
    void aServerEchoingTheCarriedToken_isRedactedInTheError() {
        api.stubFor(post("/api/v4/tokens/revoke").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"token " + revoked.reveal() + " is not valid\"}")));

        Throwable e = catchThrowable(() -> Futures.join(pipeline().send(revoke())));

        assertThat(e).isInstanceOf(ValidationException.class).hasMessageContaining("token *** is not valid");
        Leaks.assertNotIn(e, revoked.reveal());
    }

    @Test
    void theSharedObjectMapper_neverWritesATokensValue_evenAfterABodyWasWritten() throws Exception {
        api.stubFor(post("/api/v4/tokens/revoke").willReturn(aResponse().withStatus(204)));
        Futures.join(pipeline().send(revoke()));

        String json = fixture.runtime.objectMapper().writeValueAsString(Map.of("token", revoked));

        assertThat(json).isEqualTo("{\"token\":\"" + revoked + "\"}").doesNotContain(revoked.reveal());
        assertThat(revoked.toString()).startsWith("Token[");
    }
}
