package dev.patkit.reliability;

import dev.patkit.core.Credential;
import dev.patkit.core.Patkit;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import dev.patkit.github.GitHubClient;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The four providers as the reliability suite drives them: how to build a client against a
 * WireMock base URL, the read-only call (inspect) and, where the provider has one, a mutating call.
 */
public enum Forge {
    GITHUB("github", "", Canary::githubClassic,
            c -> c.unwrap(GitHubClient.class).async().revokeGrant("acme", 7), "revokeGrant"),
    GITLAB("gitlab", "/api/v4", Canary::gitlab,
            c -> c.tokens().async().rotate("42", LocalDate.now(ZoneOffset.UTC).plusDays(30)), "rotate"),
    ATOMGIT("atomgit", "/api/v5", Canary::opaque, null, null),
    SERVICESTAGE("servicestage", "/v1/proj1", Canary::opaque,
            c -> c.unwrap(ServiceStageClient.class).async().createPersonal(
                    PersonalAuthorization.of("fault-matrix", RepoType.GITHUB, Token.of(Canary.githubClassic()))),
            "createPersonal");

    final String id;
    final String basePath;
    private final Supplier<String> secrets;
    private final Function<ProviderClient, CompletableFuture<?>> mutation;
    final String mutationName;

    Forge(String id, String basePath, Supplier<String> secrets, Function<ProviderClient, CompletableFuture<?>> mutation,
            String mutationName) {
        this.id = id;
        this.basePath = basePath;
        this.secrets = secrets;
        this.mutation = mutation;
        this.mutationName = mutationName;
    }

    /** @return a new canary token text shaped like this provider's tokens */
    public String newSecret() {
        return secrets.get();
    }

    /** @return the credential this provider takes for a token text */
    Credential credential(String secret) {
        return this == SERVICESTAGE ? IamToken.of(Token.of(secret)) : Token.of(secret);
    }

    public ProviderClient client(Patkit patkit, String baseUrl, String secret) {
        return patkit.client(id, URI.create(baseUrl + basePath), credential(secret));
    }

    /**
     * How many deadlines one call may use: one. Composite operations (ServiceStage's create with its
     * reconciling list, GitLab's rotate with its probe after a lost answer) share one deadline
     * through {@code HttpPipeline.newDeadline()}.
     */
    int deadlinesPerCall(Call call) {
        return 1;
    }

    /** @return the header that carries the token */
    String authHeader() {
        return switch (this) {
            case GITLAB -> "PRIVATE-TOKEN";
            case SERVICESTAGE -> "X-Auth-Token";
            default -> "Authorization";
        };
    }

    /** @param secret the token text @return the header value that carries it */
    String authValue(String secret) {
        return authHeader().equals("Authorization") ? "Bearer " + secret : secret;
    }

    /** @return the path inspect reads, below the WireMock root */
    String inspectPath() {
        return switch (this) {
            case GITHUB -> "/user";
            case GITLAB -> "/api/v4/personal_access_tokens/self";
            case ATOMGIT -> "/api/v5/user";
            case SERVICESTAGE -> "/v1/proj1/git/auths";
        };
    }

    /** @param i a call number @return a successful inspect answer that names call i */
    String inspectBody(int i) {
        return switch (this) {
            case GITHUB -> "{\"login\":\"user-" + i + "\",\"id\":" + i + ",\"type\":\"User\"}";
            case GITLAB -> "{\"id\":" + i + ",\"name\":\"t-" + i + "\",\"revoked\":false,\"active\":true,"
                    + "\"scopes\":[\"api\"],\"user_id\":" + i + ",\"created_at\":\"2025-01-01T00:00:00.000Z\","
                    + "\"expires_at\":\"2027-01-01\"}";
            case ATOMGIT -> "{\"id\":\"" + i + "\",\"login\":\"user-" + i + "\",\"name\":\"u\"}";
            case SERVICESTAGE -> {
                StringBuilder b = new StringBuilder("{\"authorizations\":[");
                for (int k = 0; k <= i; k++) {
                    b.append(k == 0 ? "" : ",").append("{\"name\":\"a").append(k)
                            .append("\",\"repo_type\":\"github\",\"token_type\":\"personal\",\"status\":0}");
                }
                yield b.append("]}").toString();
            }
        };
    }

    /** @param a an inspect result @return the call number its answer named */
    String identify(dev.patkit.core.Authorization a) {
        return switch (this) {
            case GITHUB, ATOMGIT -> a.owner().flatMap(o -> o.login()).map(l -> l.substring("user-".length())).orElse("?");
            case GITLAB -> a.tokenId().orElse("?");
            case SERVICESTAGE -> String.valueOf(((Number) a.raw().get("authorizations")).intValue() - 1);
        };
    }

    public boolean mutates() {
        return mutation != null;
    }

    /** A call on a client: inspect, or the provider's mutating call. */
    public enum Call {
        INSPECT, MUTATE;

        public CompletableFuture<?> on(Forge forge, ProviderClient client) {
            return this == INSPECT ? client.async().inspect() : forge.mutation.apply(client);
        }
    }
}
