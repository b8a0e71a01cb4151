package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.gitlab.GitLabImpersonationTokens;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** One user's impersonation tokens, through the owning client's pipeline; the user id is checked on each call. */
final class DefaultImpersonationTokens implements GitLabImpersonationTokens {

    private final DefaultGitLabClient client;
    private final String userId;

    DefaultImpersonationTokens(DefaultGitLabClient client, String userId) {
        this.client = client;
        this.userId = userId;
    }

    @Override
    public String userId() {
        return userId;
    }

    @Override
    public Stream<Authorization> list(TokenQuery.State state) {
        return client.pipeline().paginate(client.api().listImpersonation(GitLabChecks.userId("list impersonation tokens",
                userId), state));
    }

    @Override
    public CompletableFuture<Authorization> getAsync(String tokenId) {
        return attempt(() -> {
            String op = "get impersonation token";
            return client.pipeline().send(client.api().get(GitLabEndpoints.one(GitLabEndpoints.impersonationTokens(
                    GitLabChecks.userId(op, userId)), GitLabChecks.tokenId(op, tokenId, false)), TokenJson.Kind.IMPERSONATION, op));
        });
    }

    @Override
    public CompletableFuture<CreatedToken> createAsync(TokenSpec spec) {
        return attempt(() -> {
            String op = "create impersonation token";
            String user = GitLabChecks.userId(op, userId);
            GitLabChecks.spec(op, spec, client.clock(), client.maxDays(), true);
            return client.pipeline().send(client.api().create(GitLabEndpoints.impersonationTokens(user), spec, null,
                    TokenJson.Kind.IMPERSONATION, op));
        });
    }

    @Override
    public CompletableFuture<Void> revokeAsync(String tokenId) {
        return attempt(() -> {
            String op = "revoke impersonation token";
            return client.pipeline().send(client.api().revoke(GitLabEndpoints.one(GitLabEndpoints.impersonationTokens(
                    GitLabChecks.userId(op, userId)), GitLabChecks.tokenId(op, tokenId, false)), op));
        });
    }
}
