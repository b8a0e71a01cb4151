package dev.patkit.servicestage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ResponseHeaders;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.servicestage.ServiceStageClient;
import dev.patkit.servicestage.GitAuthorization;
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
 * The list is read record by record from the body's bytes; the result must be exactly what the
 * tree reading gives, {@code raw()} included, and odd or malformed documents must be treated as
 * the tree reading treats them.
 */
class ListStreamingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
    private static final URI HOST = URI.create("https://servicestage.example.com");
    private final ServiceStageJson mapping = new ServiceStageJson(HOST, () -> MAPPER);

    private static ApiResponse response(String body) {
        return new ApiResponse(200, new ResponseHeaders(HttpHeaders.of(Map.of(), (a, b) -> true)),
                body.getBytes(StandardCharsets.UTF_8), HOST.resolve("/v1/p/git/auths"), MAPPER, CLOCK, s -> s,
                ErrorContext.of("servicestage", "list repository authorizations"));
    }

    private static String fixture() {
        return Fixtures.read(ServiceStageClient.class, "list-authorizations.json");
    }

    @Test
    void list_isMappedExactlyAsTheTreeMapsIt_rawIncluded() throws Exception {
        String body = fixture().replace("\"authorizations\"", "\"first\":{\"skip\":[1,{\"a\":2}]},\"authorizations\"");
        ApiResponse r = response(body);
        List<GitAuthorization> streamed = mapping.list(r);
        List<GitAuthorization> tree = new ArrayList<>();
        for (JsonNode n : MAPPER.readTree(body).path("authorizations")) {
            tree.add(mapping.record(n, r));
        }
        assertThat(streamed).isNotEmpty().isEqualTo(tree);
        for (int i = 0; i < tree.size(); i++) {
            assertThat(streamed.get(i).authorization().raw()).isEqualTo(tree.get(i).authorization().raw())
                    .containsEntry("name", tree.get(i).name());
        }
        assertThat(streamed.get(1).authorization().raw()).containsEntry("region_hint", "an unknown newer field");
    }

    /** Reads a list both ways: streamed field by field, and record by record from a tree. */
    private List<List<GitAuthorization>> bothWays(String body) throws Exception {
        ApiResponse r = response(body);
        List<GitAuthorization> tree = new ArrayList<>();
        for (JsonNode n : MAPPER.readTree(body).path("authorizations")) {
            tree.add(mapping.record(n, r));
        }
        return List.of(mapping.list(r), tree);
    }

    private static void assertFieldForField(List<GitAuthorization> streamed, List<GitAuthorization> tree) {
        assertThat(streamed).hasSameSizeAs(tree).isNotEmpty();
        for (int i = 0; i < tree.size(); i++) {
            GitAuthorization s = streamed.get(i);
            GitAuthorization t = tree.get(i);
            assertThat(s).usingRecursiveComparison().ignoringFields("authorization").isEqualTo(t);
            assertThat(s.authorization().status()).isEqualTo(t.authorization().status());
            assertThat(s.authorization().owner()).isEqualTo(t.authorization().owner());
            assertThat(s.authorization().createdAt()).isEqualTo(t.authorization().createdAt());
            assertThat(s.authorization().tokenKind()).isEqualTo(t.authorization().tokenKind());
            assertThat(s.authorization().tokenId()).isEqualTo(t.authorization().tokenId());
            assertThat(s.authorization().raw()).isEqualTo(t.authorization().raw());
            assertThat(s).isEqualTo(t);
        }
    }

    @Test
    void recordedFixtures_streamedWithoutATree_equalTheTreeReadingFieldForField() throws Exception {
        List<List<GitAuthorization>> list = bothWays(fixture());
        assertFieldForField(list.get(0), list.get(1));
        String created = Fixtures.read(ServiceStageClient.class, "create-personal-token1.json");
        String asList = "{\"authorizations\":[" + MAPPER.readTree(created).path("authorization") + "],\"count\":1}";
        List<List<GitAuthorization>> one = bothWays(asList);
        assertFieldForField(one.get(0), one.get(1));
        assertThat(one.get(0).get(0).createdAt()).contains(Instant.ofEpochMilli(1649762172340L));
    }

    @Test
    void oddFieldValues_streamedWithoutATree_equalTheTreeReadingFieldForField() throws Exception {
        String body = "{\"authorizations\":["
                + "{\"name\":\"floats\",\"status\":1.9,\"create_time\":1649762172340.7,\"update_time\":\" 1649762172 \","
                + "\"repo_type\":{\"nested\":[1,{\"x\":\"y\"}]},\"token_type\":7,\"avatar\":\"https://a/b\",\"tag\":null},"
                + "{\"name\":\"big\",\"status\":4294967296,\"create_time\":123456789012345678901234567890,"
                + "\"update_time\":\"soon\",\"repo_user\":[\"a\"],\"avartar\":\"https://x\",\"avatar\":\"https://y\"},"
                + "{\"name\":\"repeated\",\"name\":\"repeated-last\",\"status\":2,\"status\":\"0\",\"create_time\":-5,"
                + "\"update_time\":true,\"repo_host\":\"http://git.lan\",\"repo_home\":\"https://git.lan/me\","
                + "\"repo_user\":\"me\",\"unknown\":{\"deep\":[[[]]]}},"
                + "{\"name\":\"ints\",\"status\":0,\"create_time\":99999999999,\"update_time\":100000000000,"
                + "\"token_type\":\"personal\",\"repo_type\":\"gitlab\",\"tag\":\"site-a\"}"
                + "],\"count\":4}";

        List<List<GitAuthorization>> both = bothWays(body);

        assertFieldForField(both.get(0), both.get(1));
        assertThat(both.get(0)).extracting(GitAuthorization::name)
                .containsExactly("floats", "big", "repeated-last", "ints");
        assertThat(both.get(0).get(0).statusCode()).contains(1);
        assertThat(both.get(0).get(1).statusCode()).isEmpty();
        assertThat(both.get(0).get(2).statusCode()).isEmpty();
        assertThat(both.get(0).get(3).createdAt()).contains(Instant.ofEpochSecond(99_999_999_999L));
        assertThat(both.get(0).get(1).avatar()).contains("https://x");
    }

    @Test
    void oddDocuments_areTreatedAsTheTreeTreatsThem() {
        assertThat(mapping.list(response("{\"count\":0}"))).isEmpty();
        assertThat(mapping.list(response("{\"authorizations\":null}"))).isEmpty();
        assertThat(mapping.list(response("{\"authorizations\":[{\"name\":\"a\"}],\"authorizations\":[]}"))).isEmpty();
        for (String body : List.of("{\"authorizations\":{}}", "{\"authorizations\":[{\"name\":", "{\"authorizations\":[1]}",
                "{\"authorizations\":[{\"repo_type\":\"github\"}]}")) {
            assertThat(catchThrowable(() -> mapping.list(response(body)))).as(body).isInstanceOf(ResponseParseException.class);
        }
    }
}
