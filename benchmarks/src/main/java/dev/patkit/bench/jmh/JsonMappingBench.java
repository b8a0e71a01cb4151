package dev.patkit.bench.jmh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.bench.stub.StubServer;
import dev.patkit.core.Authorization;
import dev.patkit.gitlab.internal.GitLabJsonAccess;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gitlab4j.api.models.PersonalAccessToken;
import org.gitlab4j.api.utils.JacksonJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Mapping one page of 100 GitLab token records (the stub's JSON, about 40 KB): raw Jackson into a
 * plain record, Patkit's own mapping into {@link Authorization}s, and gitlab4j's mapper into its
 * model. Bytes in, objects out; no HTTP.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonMappingBench {

    /** What a hand-written client would bind the fields to. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RawToken(@JsonProperty("id") long id, @JsonProperty("name") String name,
            @JsonProperty("revoked") boolean revoked, @JsonProperty("active") boolean active,
            @JsonProperty("scopes") List<String> scopes, @JsonProperty("user_id") long userId,
            @JsonProperty("created_at") String createdAt, @JsonProperty("last_used_at") String lastUsedAt,
            @JsonProperty("expires_at") String expiresAt, @JsonProperty("last_used_ips") List<String> lastUsedIps) {}

    private static final TypeReference<List<RawToken>> RAW_LIST = new TypeReference<>() {};

    private final byte[] page = StubServer.page(0, 100);
    private final ObjectMapper mapper = new ObjectMapper();
    private final GitLabJsonAccess patkit = new GitLabJsonAccess(URI.create("https://gitlab.example.com/api/v4"), new ObjectMapper());
    private final JacksonJson gitlab4j = new JacksonJson();

    /** Creates the state. */
    public JsonMappingBench() {}

    /**
     * Raw Jackson data binding into a record.
     *
     * @return the records
     * @throws IOException never
     */
    @Benchmark
    public List<Object[]> raw() throws IOException {
        // Bound into records, then the timestamps an application uses parsed (as Patkit does).
        List<RawToken> tokens = mapper.readValue(page, RAW_LIST);
        List<Object[]> out = new java.util.ArrayList<>(tokens.size());
        for (RawToken t : tokens) {
            out.add(new Object[] {t, java.time.Instant.parse(t.createdAt()), java.time.Instant.parse(t.lastUsedAt()),
                java.time.LocalDate.parse(t.expiresAt()).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()});
        }
        return out;
    }

    /**
     * Patkit's mapping, as {@code list()} does for each page.
     *
     * @return the authorizations
     * @throws IOException never
     */
    @Benchmark
    public List<Authorization> patkit() throws IOException {
        return patkit.page(page);
    }

    /**
     * gitlab4j's mapper and model, as its Jersey reader does.
     *
     * @return the tokens
     * @throws IOException never
     */
    @Benchmark
    public List<PersonalAccessToken> gitlab4j() throws IOException {
        return gitlab4j.unmarshalList(PersonalAccessToken.class,
                new InputStreamReader(new ByteArrayInputStream(page), StandardCharsets.UTF_8));
    }
}
