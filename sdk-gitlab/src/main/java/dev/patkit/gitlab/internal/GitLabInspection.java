package dev.patkit.gitlab.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.PermissionException;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.Futures;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabScopes;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's own token: its inspection, and whether it can do Git over HTTPS. Thread-safe.
 */
final class GitLabInspection {

    private static final Logger LOG = LoggerFactory.getLogger(GitLabInspection.class);

    private final GitLabContext context;

    GitLabInspection(GitLabContext context) {
        this.context = context;
    }

    /**
     * {@code GET /personal_access_tokens/self} and, sent at the same time, {@code GET /user} for the
     * owner's login and name (github-gitlab.md, GitLab §3 "Identity"). {@code /user} needs
     * {@code read_user}, {@code read_api} or {@code api}; without them the owner keeps only its id. A
     * rejected token (401) gives an authorization with GitLab's reason as its status.
     */
    CompletableFuture<Authorization> inspect() {
        URI base = context.pipeline().baseUri();
        CompletableFuture<Authorization> self = context.pipeline().send(context.api().get(
                GitLabEndpoints.pat(GitLabEndpoints.SELF), GitLabJson.Kind.PERSONAL, "inspect token")
                .whenRejected(r -> Authorization.builder("gitlab", base).status(GitLabErrors.rejection(r)).build()));
        CompletableFuture<Optional<Owner>> user = context.pipeline().send(context.api().user()).handle((owner, e) -> {
            if (e != null) {
                LOG.debug("gitlab: GET /user failed ({}); the owner keeps only its id",
                        Futures.unwrap(e).getClass().getSimpleName());
                return Optional.empty();
            }
            return owner;
        });
        return self.thenCombine(user, GitLabInspection::withOwner);
    }

    /** The record with the owner {@code /user} named, when it is the record's user (or the record names none). */
    private static Authorization withOwner(Authorization a, Optional<Owner> found) {
        if (found.isEmpty() || (a.owner().isPresent() && !a.owner().get().id().equals(found.get().id()))) {
            return a;
        }
        Owner user = found.get();
        Owner.Kind kind = a.owner().map(Owner::kind).filter(k -> k != Owner.Kind.USER).orElse(user.kind());
        return a.toBuilder().owner(new Owner(user.id(), user.login(), user.name(), kind),
                ValueSource.SERVER).build();
    }

    /**
     * Git credentials for a token only if it can do the job: active by the client's clock, and
     * holding a scope that pulls (or, for a push, pushes); unknown scopes (a granular token) pass.
     */
    CompletableFuture<GitCredentials> gitCredentials(Token token, boolean push) {
        return inspect().thenApply(a -> {
            ErrorContext errorContext = ErrorContext.of("gitlab", "check git credentials");
            if (!a.isActive(context.clock())) {
                throw new AuthenticationException("gitlab: the token cannot be used for Git over HTTPS: it is "
                        + (a.status() == AuthorizationStatus.ACTIVE ? "EXPIRED" : a.status())
                        + ". Create or rotate a new one.", errorContext);
            }
            List<String> needed = push ? GitLabScopes.GIT_PUSH : GitLabScopes.GIT_PULL;
            if (a.scopes().allowsAny(needed) == Permission.DENIED) {
                throw new PermissionException("gitlab: the token cannot " + (push ? "push" : "pull")
                        + " over Git HTTPS: it holds " + a.scopes() + " and needs " + (push
                        ? "write_repository or api" : "read_repository, write_repository or api"), errorContext, needed);
            }
            return new GitCredentials(GitLabClient.GIT_USERNAME, token, a.expiresAt());
        });
    }
}
