package dev.patkit.github.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ResponseHeaders;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The streamed reading of {@code GET /user} gives what a tree reading gives, field for field. */
class GitHubUserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static ApiResponse response(String body) {
        return new ApiResponse(200, new ResponseHeaders(HttpHeaders.of(Map.of(), (a, b) -> true)),
                body.getBytes(StandardCharsets.UTF_8), URI.create("https://api.github.com/user"), MAPPER,
                Clock.systemUTC(), s -> s, ErrorContext.of("github", "inspect token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"login\":\"octocat\",\"id\":583231,\"name\":\"The Octocat\",\"type\":\"User\",\"site_admin\":false}",
        "{\"id\":\"583231\",\"login\":\"octo\",\"name\":null,\"plan\":{\"name\":\"pro\",\"space\":976562499},\"type\":\"Bot\"}",
        "{\"id\":1,\"id\":2,\"login\":[\"not\",\"text\"],\"name\":{\"nested\":{\"deep\":1}},\"type\":true}",
        "{\"id\":1.50,\"login\":\"a\\u00e9\\\"b\",\"name\":\"\",\"unicode\":\"\\ud83d\\ude00\"}",
        "{}",
        "  {\"login\":\"spaced\"}  "
    })
    void streamedFields_areTheTreesFields(String body) throws Exception {
        GitHubUser user = GitHubUser.read(response(body));
        JsonNode tree = MAPPER.readTree(body);
        assertThat(user.id()).isEqualTo(expectedText(tree, "id"));
        assertThat(user.login()).isEqualTo(GitHubJson.text(tree, "login"));
        assertThat(user.name()).isEqualTo(GitHubJson.text(tree, "name"));
        assertThat(user.type()).isEqualTo(GitHubJson.text(tree, "type"));
        @SuppressWarnings("unchecked")
        Map<String, Object> expected = new LinkedHashMap<>(MAPPER.convertValue(tree, Map.class));
        assertThat(user.fields().get()).isEqualTo(expected);
    }

    /** A number keeps the text the server sent (1.50, not 1.5): the id is an identifier, not a quantity. */
    private static String expectedText(JsonNode tree, String field) {
        JsonNode v = tree.get(field);
        return v != null && v.isFloatingPointNumber() ? "1.50" : GitHubJson.text(tree, field);
    }

    @Test
    void anAnswerThatIsNotAnObject_hasNoFields_asBefore() {
        GitHubUser user = GitHubUser.read(response("[1,2]"));
        assertThat(user.id()).isNull();
        assertThat(user.fields().get()).isEmpty();
    }

    @Test
    void malformedJson_failsAsEveryJsonAnswerDoes_andTrailingContentIsReadAsTheTreeReadsIt() {
        assertThatThrownBy(() -> GitHubUser.read(response("{\"id\":1,")))
                .isInstanceOf(ResponseParseException.class);
        GitHubUser trailing = GitHubUser.read(response("{\"id\":1} {\"id\":2}"));
        assertThat(trailing.id()).isEqualTo(GitHubJson.text(response("{\"id\":1} {\"id\":2}").json(), "id")).isEqualTo("1");
        assertThat(trailing.fields().get()).isEqualTo(Map.of("id", 1));
    }
}
