package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.gitlab.GitLabServiceAccount;
import dev.patkit.gitlab.GitLabServiceAccounts;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The service accounts of one top-level group ({@code groupId} set) or of the instance
 * ({@code groupId} null), through the owning client's pipeline. Group accounts' tokens have their
 * own endpoints below the group; instance accounts' tokens are ordinary personal access tokens of
 * that user (github-gitlab.md, GitLab §3 "Service accounts and their PATs").
 */
final class DefaultServiceAccounts implements GitLabServiceAccounts {

    private final DefaultGitLabClient client;
    private final String groupId;

    DefaultServiceAccounts(DefaultGitLabClient client, String groupId) {
        this.client = client;
        this.groupId = groupId;
    }

    @Override
    public String kind() {
        return groupId == null ? "instance" : "group";
    }

    private String accounts() {
        return groupId == null ? GitLabEndpoints.SERVICE_ACCOUNTS : GitLabEndpoints.groupServiceAccounts(groupId);
    }

    @Override
    public Stream<GitLabServiceAccount> list() {
        return client.pipeline().paginate(client.api().listServiceAccounts(accounts()));
    }

    @Override
    public CompletableFuture<GitLabServiceAccount> createAsync(String name, String username, String email) {
        return attempt(() -> {
            if (name != null && name.isBlank() || username != null && username.isBlank()) {
                throw GitLabChecks.bad("create service account", "A service account's name or user name, when given, must"
                        + " not be blank");
            }
            return client.pipeline().send(client.api().createServiceAccount(accounts(), name, username, email));
        });
    }

    @Override
    public Stream<Authorization> listTokens(String userId, TokenQuery query) {
        String op = "list service account tokens";
        String user = GitLabChecks.userId(op, userId);
        if (groupId == null) {
            return client.pipeline().paginate(client.api().list(GitLabEndpoints.PATS, query, false,
                    TokenJson.Kind.SERVICE_ACCOUNT, op).withQuery("user_id", user));
        }
        return client.pipeline().paginate(client.api().list(GitLabEndpoints.serviceAccountTokens(groupId, user), query, false,
                TokenJson.Kind.SERVICE_ACCOUNT, op));
    }

    @Override
    public CompletableFuture<CreatedToken> createTokenAsync(String userId, TokenSpec spec) {
        return attempt(() -> {
            String op = "create service account token";
            String user = GitLabChecks.userId(op, userId);
            GitLabChecks.spec(op, spec, client.clock(), client.maxDays(), false);
            String path = groupId == null ? GitLabEndpoints.userPats(user) : GitLabEndpoints.serviceAccountTokens(groupId, user);
            return client.pipeline().send(client.api().create(path, spec, null, TokenJson.Kind.SERVICE_ACCOUNT, op));
        });
    }

    @Override
    public CompletableFuture<CreatedToken> rotateTokenAsync(String userId, String tokenId, LocalDate expiresOn) {
        return attempt(() -> {
            String op = "rotate service account token";
            String user = GitLabChecks.userId(op, userId);
            String id = GitLabChecks.tokenId(op, tokenId, false);
            GitLabChecks.expiry(op, expiresOn, client.clock(), client.maxDays());
            if (groupId == null) {
                // An instance account's token is a personal access token the administrator can read.
                String path = GitLabEndpoints.pat(id);
                return client.rotation().run(new SafeRotation.Target("pat", id,
                        client.api().get(path, TokenJson.Kind.SERVICE_ACCOUNT, "check service account token"), false,
                        client.api().rotate(path, expiresOn, TokenJson.Kind.SERVICE_ACCOUNT, op)));
            }
            // There is no GET by id for group service-account tokens, so there is no probe.
            return client.rotation().run(new SafeRotation.Target("service_account:" + groupId + ":" + user, id, null,
                    false, client.api().rotate(GitLabEndpoints.one(GitLabEndpoints.serviceAccountTokens(groupId, user), id), expiresOn,
                            TokenJson.Kind.SERVICE_ACCOUNT, op)));
        });
    }

    @Override
    public CompletableFuture<Void> revokeTokenAsync(String userId, String tokenId) {
        return attempt(() -> {
            String op = "revoke service account token";
            String user = GitLabChecks.userId(op, userId);
            String id = GitLabChecks.tokenId(op, tokenId, false);
            String path = groupId == null ? GitLabEndpoints.pat(id)
                    : GitLabEndpoints.one(GitLabEndpoints.serviceAccountTokens(groupId, user), id);
            return client.pipeline().send(client.api().revoke(path, op));
        });
    }

    @Override
    public String toString() {
        return "GitLabServiceAccounts[" + (groupId == null ? "instance" : "group " + groupId) + "]";
    }
}
