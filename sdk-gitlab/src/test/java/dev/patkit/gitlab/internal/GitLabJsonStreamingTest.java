package dev.patkit.gitlab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ResponseHeaders;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pages and records are read from the body's bytes without a tree: the result must be exactly what
 * reading the tree gives (every field, the standing, and {@link Authorization#raw()}), for usual
 * and unusual records alike, and malformed bodies fail as every JSON response does.
 */
class GitLabJsonStreamingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final URI HOST = URI.create("https://gitlab.example.com");
    private final GitLabJson json = new GitLabJson(HOST, CLOCK, () -> MAPPER);

    private static final String PAGE = "[{\"id\":1,\"name\":\"ci\",\"description\":\"CI \\u00e9 token\",\"revoked\":false,"
            + "\"created_at\":\"2026-01-15T09:12:33.123Z\",\"scopes\":[\"api\",\"read_repository\"],\"user_id\":25,"
            + "\"last_used_at\":\"2026-05-20T17:45:01+02:00\",\"active\":true,\"expires_at\":\"2027-01-15\","
            + "\"last_used_ips\":[\"10.0.0.7\",\"10.0.0.8\"],\"nested\":{\"a\":[1,2,{\"b\":null}]},\"big\":12345678901234,"
            + "\"ratio\":0.5},"
            // an old GitLab: no active, no description; expired by its date
            + "{\"id\":\"2\",\"name\":null,\"scopes\":[\"read_api\"],\"expires_at\":\"2026-05-01\",\"revoked\":\"false\"},"
            // a granular token, an impersonation token, an odd user_id and empty arrays
            + "{\"id\":3,\"granular\":true,\"scopes\":[\"granular\"],\"granular_scopes\":[{\"access\":\"read\"}],"
            + "\"impersonation\":true,\"user_id\":null,\"last_used_ips\":[],\"active\":false,\"token\":\"glpat-secret\"},"
            + "{\"id\":4,\"scopes\":[\"granular\"],\"revoked\":1,\"user_id\":\"u-9\",\"expires_at\":null,\"name\":{\"x\":1}}]";

    private static ApiResponse response(String body) {
        return new ApiResponse(200, new ResponseHeaders(HttpHeaders.of(Map.of(), (a, b) -> true)),
                body.getBytes(StandardCharsets.UTF_8), HOST.resolve("/api/v4/personal_access_tokens"), MAPPER, CLOCK,
                s -> s, ErrorContext.of("gitlab", "list personal access tokens"));
    }

    private List<Authorization> fromTree(String body) throws Exception {
        List<Authorization> out = new ArrayList<>();
        for (JsonNode n : MAPPER.readTree(body)) {
            out.add(json.authorization(n, GitLabJson.Kind.PERSONAL, ErrorContext.NONE));
        }
        return out;
    }

    @Test
    void page_isMappedExactlyAsTheTreeMapsIt_rawIncluded() throws Exception {
        List<Authorization> streamed = json.authorizations(response(PAGE), GitLabJson.Kind.PERSONAL);
        List<Authorization> tree = fromTree(PAGE);

        assertThat(streamed).hasSize(4).isEqualTo(tree); // equals compares every field and raw()
        for (int i = 0; i < 4; i++) {
            assertThat(streamed.get(i).raw()).isEqualTo(tree.get(i).raw());
        }
        assertThat(streamed.get(0).raw()).containsEntry("description", "CI \u00e9 token")
                .containsEntry("big", 12345678901234L).containsEntry("ratio", 0.5)
                .containsEntry("nested", Map.of("a", List.of(1, 2, java.util.Collections.singletonMap("b", null))));
        assertThat(streamed.get(0).lastUsedAt()).contains(Instant.parse("2026-05-20T15:45:01Z"));
        assertThat(streamed.get(1).status()).isEqualTo(AuthorizationStatus.EXPIRED);
        assertThat(streamed.get(1).tokenName()).isEmpty();
        assertThat(streamed.get(2).tokenKind()).contains("impersonation");
        assertThat(streamed.get(2).scopes().isKnown()).isFalse();
        assertThat(streamed.get(2).raw()).doesNotContainKey("token");
        assertThat(streamed.get(3).status()).isEqualTo(AuthorizationStatus.REVOKED);
        assertThat(streamed.get(3).owner().orElseThrow().id()).isEqualTo("u-9");
    }

    @Test
    void singleRecord_isMappedExactlyAsTheTreeMapsIt() throws Exception {
        String record = MAPPER.readTree(PAGE).get(0).toString();
        assertThat(json.authorization(response(record), GitLabJson.Kind.PERSONAL))
                .isEqualTo(json.authorization(MAPPER.readTree(record), GitLabJson.Kind.PERSONAL, ErrorContext.NONE));
    }

    @Test
    void malformedOrMisshapenBodies_failAsResponseParseErrors() {
        for (String body : List.of("[{\"id\":1,", "{\"id\":1}", "[1]", "[{\"name\":\"no id\"}]", "[{\"id\":null}]", "")) {
            Throwable e = catchThrowable(() -> json.authorizations(response(body), GitLabJson.Kind.PERSONAL));
            assertThat(e).as(body).isInstanceOf(ResponseParseException.class);
        }
        for (String body : List.of("{\"id\":1,", "[]", "{\"name\":\"no id\"}", "")) {
            Throwable e = catchThrowable(() -> json.authorization(response(body), GitLabJson.Kind.PERSONAL));
            assertThat(e).as(body).isInstanceOf(ResponseParseException.class);
        }
    }
}
