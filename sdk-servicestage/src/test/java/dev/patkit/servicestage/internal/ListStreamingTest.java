package dev.patkit.servicestage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ResponseHeaders;
import dev.patkit.servicestage.GitAuthorization;
import java.io.InputStream;
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
    private final ServiceStageApi.Mapping mapping = new ServiceStageApi.Mapping(HOST, () -> MAPPER);

    private static ApiResponse response(String body) {
        return new ApiResponse(200, new ResponseHeaders(HttpHeaders.of(Map.of(), (a, b) -> true)),
                body.getBytes(StandardCharsets.UTF_8), HOST.resolve("/v1/p/git/auths"), MAPPER, CLOCK, s -> s,
                ErrorContext.of("servicestage", "list repository authorizations"));
    }

    private static String fixture() throws Exception {
        try (InputStream in = ListStreamingTest.class.getResourceAsStream("/dev/patkit/servicestage/list-authorizations.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
