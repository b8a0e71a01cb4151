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
enum Forge {
    GITHUB("github", "", Canary::githubClassic,
            c -> c.unwrap(GitHubClient.class).revokeGrantAsync("acme", 7), "revokeGrant"),
    GITLAB("gitlab", "/api/v4", Canary::gitlab,
            c -> c.rotateAsync("42", LocalDate.now(ZoneOffset.UTC).plusDays(30)), "rotate"),
    ATOMGIT("atomgit", "/api/v5", Canary::opaque, null, null),
    SERVICESTAGE("servicestage", "/v1/proj1", Canary::opaque,
            c -> c.unwrap(ServiceStageClient.class).createPersonalAsync(
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
    String newSecret() {
        return secrets.get();
    }

    /** @return the credential this provider takes for a token text */
    Credential credential(String secret) {
        return this == SERVICESTAGE ? IamToken.of(Token.of(secret)) : Token.of(secret);
    }

    ProviderClient client(Patkit patkit, String baseUrl, String secret) {
        return patkit.client(id, URI.create(baseUrl + basePath), credential(secret));
    }

    /**
     * How many deadlines one call may use. Composite operations run several pipeline calls, each with
     * its own deadline, because core has no way to share one deadline across calls yet (see
     * RELIABILITY.md): ServiceStage's create reconciles a lost answer with a list call and possibly a
     * second create; GitLab's rotate probes the old token after a lost answer.
     */
    int deadlinesPerCall(Call call) {
        return (this == SERVICESTAGE || this == GITLAB) && call == Call.MUTATE ? 3 : 1;
    }

    boolean mutates() {
        return mutation != null;
    }

    /** A call on a client: inspect, or the provider's mutating call. */
    enum Call {
        INSPECT, MUTATE;

        CompletableFuture<?> on(Forge forge, ProviderClient client) {
            return this == INSPECT ? client.inspectAsync() : forge.mutation.apply(client);
        }
    }
}
