package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.gitlab.GitLabResourceTokens;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/** The access tokens of one project or group, through the owning client's pipeline. */
final class DefaultResourceTokens implements GitLabResourceTokens {

    private final String kind;
    private final String resourceId;
    private final TokenJson.Kind tokenKind;
    private final DefaultGitLabClient client;
    private final String collection;

    DefaultResourceTokens(String kind, String resourceId, TokenJson.Kind tokenKind, DefaultGitLabClient client) {
        this.kind = kind;
        this.resourceId = resourceId;
        this.tokenKind = tokenKind;
        this.client = client;
        this.collection = GitLabEndpoints.resourceTokens(kind, resourceId);
    }

    @Override
    public String kind() {
        return kind;
    }

    @Override
    public String resourceId() {
        return resourceId;
    }

    @Override
    public Stream<Authorization> list(TokenQuery query) {
        return client.pipeline().paginate(client.api().list(collection, query, false, tokenKind,
                "list " + kind + " access tokens"));
    }

    /**
     * By id, {@code GET <collection>/:id}. GitLab has no {@code self} there (it answers 404), so
     * {@code self} reads the client's own token with {@code GET /personal_access_tokens/self}, which
     * project and group tokens pass (github-gitlab.md, GitLab §3).
     */
    @Override
    public CompletableFuture<Authorization> getAsync(String tokenId) {
        return attempt(() -> {
            String op = "get " + kind + " access token";
            return client.pipeline().send(client.api().get(readPath(GitLabChecks.tokenId(op, tokenId, true)), tokenKind, op));
        });
    }

    /** Where a token is read: its id below the collection, or {@code /personal_access_tokens/self}. */
    private String readPath(String id) {
        return id.equals(GitLabChecks.SELF) ? GitLabEndpoints.pat(GitLabChecks.SELF) : GitLabEndpoints.one(collection, id);
    }

    @Override
    public CompletableFuture<CreatedToken> createAsync(TokenSpec spec, int accessLevel) {
        return attempt(() -> {
            String op = "create " + kind + " access token";
            GitLabChecks.spec(op, spec, client.clock(), client.maxDays(), false);
            GitLabChecks.resourceScopes(op, spec.scopes());
            GitLabChecks.accessLevel(accessLevel);
            return client.pipeline().send(client.api().create(collection, spec, accessLevel, tokenKind, op));
        });
    }

    @Override
    public CompletableFuture<CreatedToken> rotateAsync(String tokenId, LocalDate expiresOn) {
        return attempt(() -> {
            String op = "rotate " + kind + " access token";
            String id = GitLabChecks.tokenId(op, tokenId, true);
            GitLabChecks.expiry(op, expiresOn, client.clock(), client.maxDays());
            String path = GitLabEndpoints.one(collection, id);
            // "self" exists only on rotate: the check reads GET /personal_access_tokens/self, which
            // authenticates with the rotated token itself, so a 401 means it is dead.
            return client.rotation().run(new SafeRotation.Target(kind + ":" + resourceId, id,
                    client.api().get(readPath(id), tokenKind, "check " + kind + " access token"), id.equals(GitLabChecks.SELF),
                    client.api().rotate(path, expiresOn, tokenKind, op)));
        });
    }

    @Override
    public CompletableFuture<Void> revokeAsync(String tokenId) {
        return attempt(() -> {
            String op = "revoke " + kind + " access token";
            String id = GitLabChecks.tokenId(op, tokenId, true);
            if (id.equals(GitLabChecks.SELF)) {
                throw GitLabChecks.bad(op, "GitLab has no 'self' for revoking " + kind + " access tokens (DELETE "
                        + collection + "/self answers 404); revoke by numeric id, for example get(\"self\").tokenId()");
            }
            return client.pipeline().send(client.api().revoke(GitLabEndpoints.one(collection, id), op));
        });
    }

    @Override
    public String toString() {
        return "GitLabResourceTokens[" + kind + " " + resourceId + "]";
    }
}
