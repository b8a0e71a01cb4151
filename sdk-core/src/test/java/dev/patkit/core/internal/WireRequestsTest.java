package dev.patkit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.InvalidTokenException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireRequestsTest {

    private static final String BASE = "https://forge.example/api/v4";
    private final Token token = Token.of(Canary.githubClassic());
    private final RequestAuthenticator bearer = PipelineFixture.allCredentialHeaders(token);

    @Test
    void basePrefix_dropsTrailingSlashes_andRefusesARelativeBase() {
        assertThat(WireRequests.basePrefix(URI.create("https://forge.example/api/v4///"))).isEqualTo(BASE);
        assertThat(WireRequests.basePrefix(URI.create("http://127.0.0.1:8080"))).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> WireRequests.basePrefix(URI.create("/api/v4")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resolve_appendsThePath_andEncodesTheQueryInOrder() {
        assertThat(WireRequests.resolve(BASE, ApiRequest.get("/user").expect(r -> r)))
                .isEqualTo(URI.create(BASE + "/user"));
        ApiRequest<?> list = ApiRequest.get("/personal_access_tokens").query("user_id", 7).query("search", "ci bot+1")
                .queryAll("scope", List.of("api", "read_user")).expect(r -> r);
        assertThat(WireRequests.resolve(BASE, list)).hasToString(BASE
                + "/personal_access_tokens?user_id=7&search=ci%20bot%2B1&scope=api&scope=read_user");
    }

    @Test
    void resolve_keepsAnAbsoluteUri_andRefusesAnInvalidPath() {
        URI next = URI.create("https://forge.example/api/v4/tokens?page=2");
        assertThat(WireRequests.resolve(BASE, ApiRequest.get("/tokens").expect(r -> r).withAbsoluteUri(next))).isSameAs(next);
        assertThatThrownBy(() -> WireRequests.resolve(BASE, ApiRequest.get("/a b").expect(r -> r)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ApiRequest.segment");
    }

    @Test
    void body_writesATokenAsItsValue_forTheWireOnly() {
        ObjectWriter writer;
        try (PipelineContext shared = new PipelineContext(PatkitOptions.defaults())) {
            writer = shared.bodyWriter();
        }
        ApiRequest<?> revoke = ApiRequest.post("/revoke").json(Map.of("token", token)).expect(r -> r);
        byte[] body = WireRequests.body(writer, revoke, "demo", ErrorContext.NONE);
        assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"token\":\"" + token.reveal() + "\"}");
        assertThat(WireRequests.body(writer, ApiRequest.get("/user").expect(r -> r), "demo", ErrorContext.NONE)).isEmpty();
    }

    @Test
    void build_setsTheHeadersInOrder_aJsonContentType_andTheCredential() {
        HttpRequest wire = WireRequests.build("POST", URI.create(BASE + "/tokens"), "{}".getBytes(StandardCharsets.UTF_8),
                Duration.ofSeconds(5), "patkit/1", Map.of("X-Api-Version", "2"), Map.of("Accept", "application/vnd+json"),
                true, RequestAuthenticator.header("Authorization", "Bearer ", token));
        assertThat(wire.method()).isEqualTo("POST");
        assertThat(wire.timeout()).contains(Duration.ofSeconds(5));
        assertThat(wire.version()).as("https negotiates").isEmpty();
        assertThat(wire.headers().map()).containsOnlyKeys("User-Agent", "Accept", "X-Api-Version", "Content-Type",
                "Authorization");
        assertThat(wire.headers().firstValue("Accept")).contains("application/vnd+json");
        assertThat(wire.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(wire.headers().firstValue("Authorization")).contains("Bearer " + token.reveal());
        assertThat(wire.bodyPublisher().orElseThrow().contentLength()).isEqualTo(2);
    }

    @Test
    void build_withoutCredential_dropsEveryCredentialHeader_andPlainHttpIsHttp11() {
        HttpRequest wire = WireRequests.build("GET", URI.create("http://127.0.0.1:1/x"), WireRequests.noBody(),
                Duration.ofSeconds(1), "patkit/1", Map.of("PRIVATE-TOKEN", token.reveal(), "Cookie", "s=1"),
                Map.of("X-Security-Token", "t", "Content-Type", "text/plain"), false, bearer);
        assertThat(wire.headers().map()).containsOnlyKeys("User-Agent", "Accept", "Content-Type");
        assertThat(wire.version()).contains(HttpClient.Version.HTTP_1_1);
        assertThat(wire.bodyPublisher().orElseThrow().contentLength()).isZero();
    }

    @Test
    void build_aHeaderValueHttpForbids_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> WireRequests.build("GET", URI.create(BASE), WireRequests.noBody(), Duration.ofSeconds(1),
                "patkit/1", Map.of(), Map.of("X-Note", token.reveal() + "\r\n"), true, RequestAuthenticator.none()))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessage("The value of header X-Note holds characters HTTP headers do not allow");
    }
}
