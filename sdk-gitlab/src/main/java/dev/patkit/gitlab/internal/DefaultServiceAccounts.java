package dev.patkit.gitlab.internal;

import dev.patkit.core.Tokens;
import dev.patkit.core.spi.Futures;
import dev.patkit.gitlab.GitLabServiceAccount;
import dev.patkit.gitlab.GitLabServiceAccounts;
import dev.patkit.gitlab.internal.GitLabEndpoints.Family;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The service accounts of one top-level group, or of the instance, through the owning client's
 * pipeline. A group account's tokens have their own endpoints below the group; an instance
 * account's tokens are ordinary personal access tokens of that user (github-gitlab.md, GitLab §3
 * "Service accounts and their PATs"). Either way they are a {@link GitLabTokens} family.
 */
final class DefaultServiceAccounts implements GitLabServiceAccounts {

    private final GitLabContext context;
    private final Optional<String> groupId;

    DefaultServiceAccounts(GitLabContext context, Optional<String> groupId) {
        this.context = context;
        this.groupId = groupId;
    }

    @Override
    public String kind() {
        return groupId.isPresent() ? "group" : "instance";
    }

    private String accounts() {
        return groupId.map(GitLabEndpoints::groupServiceAccounts).orElse(GitLabEndpoints.SERVICE_ACCOUNTS);
    }

    @Override
    public Stream<GitLabServiceAccount> list() {
        return context.pipeline().paginate(context.api().listServiceAccounts(accounts()));
    }

    @Override
    public GitLabServiceAccount create(String name) {
        return create(name, Optional.empty(), Optional.empty());
    }

    @Override
    public GitLabServiceAccount create(String name, String username, String email) {
        return create(name, Optional.of(nonBlank(username, "user name")), Optional.of(nonBlank(email, "e-mail address")));
    }

    private GitLabServiceAccount create(String name, Optional<String> username, Optional<String> email) {
        nonBlank(name, "name");
        return Futures.join(context.pipeline().send(context.api().createServiceAccount(accounts(), name, username, email)));
    }

    private static String nonBlank(String value, String what) {
        if (Objects.requireNonNull(value, what).isBlank()) {
            throw GitLabChecks.bad("create service account", "A service account's " + what + " must not be blank");
        }
        return value;
    }

    @Override
    public Tokens tokens(String userId) {
        String user = GitLabChecks.userId("service account tokens", userId);
        Family family = groupId.map(g -> Family.groupServiceAccount(g, user))
                .orElseGet(() -> Family.instanceServiceAccount(user));
        return new GitLabTokens(context, family).sync();
    }

    @Override
    public String toString() {
        return "GitLabServiceAccounts[" + groupId.map(g -> "group " + g).orElse("instance") + "]";
    }
}
