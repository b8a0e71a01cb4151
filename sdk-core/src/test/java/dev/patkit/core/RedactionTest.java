package dev.patkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every public core value that can hold or be near a token shows no secret in toString or JSON. */
class RedactionTest {

    private final String secret = Canary.githubClassic();
    private final Token token = Token.of(secret);

    @Test
    void publicValuesNeverShowTheSecret() throws Exception {
        Authorization auth = Authorization.builder("github", URI.create("https://api.github.com"))
                .tokenName("ci").status(AuthorizationStatus.ACTIVE).raw(Map.of("token", secret, "note", "x")).build();
        List<Object> values = List.of(token, auth, new CreatedToken(auth, token),
                new GitCredentials("x-access-token", token, Optional.of(Instant.EPOCH)),
                TokenSpec.of("name", List.of("repo")), TokenQuery.builder().extra("q", "v").build(),
                PatkitOptions.defaults(), token.format());
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
        for (Object v : values) {
            assertThat(v.toString()).as(v.getClass().getSimpleName()).doesNotContain(secret);
        }
        for (Object v : List.of(token, auth.raw(), new CreatedToken(auth, token).token(),
                new GitCredentials("x-access-token", token, Optional.empty()).password())) {
            assertThat(mapper.writeValueAsString(v)).doesNotContain(secret);
        }
    }
}
