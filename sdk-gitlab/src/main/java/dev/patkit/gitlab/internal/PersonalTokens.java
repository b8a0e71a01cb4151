package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.gitlab.GitLabScopes;
import dev.patkit.gitlab.internal.GitLabEndpoints.Family;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The personal access tokens of {@code /personal_access_tokens}: the shared family, with GitLab's
 * two create endpoints. {@code POST /users/:id/personal_access_tokens} (an administrator, for
 * {@link TokenSpec#ownerId()}) and {@code POST /user/personal_access_tokens} (for oneself, limited to
 * {@link GitLabScopes#SELF_CREATABLE}) are offered on Self-Managed and Dedicated only
 * (github-gitlab.md, GitLab §3 "Create PATs"), so on GitLab.com nothing is sent and the pre-filled
 * web link is given instead.
 */
final class PersonalTokens extends GitLabTokens {

    PersonalTokens(GitLabContext context) {
        super(context, Family.personal(context.web().isGitLabCom()));
    }

    @Override
    public CompletableFuture<CreatedToken> create(TokenSpec spec) {
        return attempt(() -> {
            GitLabWeb web = context().web();
            if (!capabilities().contains(Capability.CREATE)) {
                UnsupportedCapabilityException generic = unsupported(Capability.CREATE);
                throw new UnsupportedCapabilityException("gitlab", Capability.CREATE, generic.hint(),
                        web.creationLink(spec.name(), spec.scopes()));
            }
            if (spec.ownerId().isPresent()) {
                String op = "create personal access token for a user";
                String userId = GitLabChecks.userId(op, spec.ownerId().get());
                return send(GitLabEndpoints.userPats(userId), spec, op);
            }
            String op = "create personal access token for self";
            GitLabChecks.spec(op, spec, context().clock(), context().maxDays(), false);
            List<String> other = spec.scopes().stream().filter(s -> !GitLabScopes.SELF_CREATABLE.contains(s)).toList();
            if (!other.isEmpty()) {
                throw GitLabChecks.bad(op, "GitLab lets users create tokens for themselves over the API only with the scopes "
                        + GitLabScopes.SELF_CREATABLE + ", not " + other + ". Create it in the web UI: "
                        + web.creationLink(spec.name(), spec.scopes())
                        + " (or, as an administrator, create it for the user with TokenSpec.forOwner)");
            }
            return send(GitLabEndpoints.SELF_CREATE, spec, op);
        });
    }
}
