package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.gitlab.internal.GitLabEndpoints.Family;
import dev.patkit.gitlab.internal.GitLabEndpoints.Self;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * Every GitLab family of tokens — personal, project, group, impersonation, service account — is
 * this one class, given where the family lives ({@link Family}): GitLab serves them all with the
 * same record and the same operations on different paths. Input is checked before any request; an
 * operation GitLab lacks for the family fails with {@link UnsupportedCapabilityException} before any
 * request; a rotate goes through the client's rotation guard ({@link SafeRotation}), probing with a
 * GET where the family has one. Thread-safe.
 */
class GitLabTokens extends TokenFamily {

    private final GitLabContext context;
    private final Family family;

    GitLabTokens(GitLabContext context, Family family) {
        super("gitlab", "gitlab " + family.description() + " at " + context.pipeline().baseUri(), family.capabilities());
        this.context = context;
        this.family = family;
    }

    /** @return the shared parts of the client */
    final GitLabContext context() {
        return context;
    }

    @Override
    public Stream<Authorization> list(TokenQuery query) {
        Objects.requireNonNull(query, "query");
        operation(Capability.LIST, "list");
        return context.pipeline().paginate(context.api().list(family, query));
    }

    /**
     * By id, below the family's collection. Project and group tokens have no {@code self} there (it
     * answers 404), so {@code self} reads the client's own token with
     * {@code GET /personal_access_tokens/self}, which they pass (github-gitlab.md, GitLab §3).
     */
    @Override
    public CompletableFuture<Authorization> get(String tokenId) {
        return attempt(() -> {
            String op = operation(Capability.GET, "get");
            return context.pipeline().send(context.api().get(family.read(id(op, tokenId)), family.kind(), op));
        });
    }

    @Override
    public CompletableFuture<CreatedToken> create(TokenSpec spec) {
        return attempt(() -> send(family.create(), spec, operation(Capability.CREATE, "create")));
    }

    /**
     * Checks a new token's spec and sends its create: name, description, scopes (GitLab's bot scope
     * set for project and group tokens), expiry (required for impersonation tokens) and role.
     *
     * @param path where the create goes
     * @param spec the token ({@link TokenSpec#ownerId()} is not used)
     * @param op the operation, for messages
     * @return the future of the new token
     */
    final CompletableFuture<CreatedToken> send(String path, TokenSpec spec, String op) {
        GitLabChecks.spec(op, spec, context.clock(), context.maxDays(), family.expiryRequired());
        if (family.botScopes()) {
            GitLabChecks.resourceScopes(op, spec.scopes());
        }
        family.accessLevel().ifPresent(GitLabChecks::accessLevel);
        return context.pipeline().send(context.api().create(path, spec, family.accessLevel(), family.kind(), op));
    }

    /**
     * Through the guard: a GET of the token first where the family has one (for {@code self} of a
     * project or group token, {@code GET /personal_access_tokens/self}, which authenticates with the
     * rotated token itself, so a 401 means it is dead), then the POST, never re-sent.
     */
    @Override
    protected CompletableFuture<CreatedToken> rotateToken(String tokenId, Optional<LocalDate> expiresOn) {
        return attempt(() -> {
            String op = operation(Capability.ROTATE, "rotate");
            String id = id(op, tokenId);
            GitLabChecks.expiry(op, expiresOn, context.clock(), context.maxDays());
            Optional<ApiRequest<Authorization>> probe = capabilities().contains(Capability.GET)
                    ? Optional.of(context.api().get(family.read(id), family.kind(), "check " + family.noun()))
                    : Optional.empty();
            boolean ownCredential = id.equals(GitLabEndpoints.SELF) || family.rejectedProbeMeansRevoked();
            return context.rotation().run(new SafeRotation.Target(id, probe, ownCredential,
                    context.api().rotate(GitLabEndpoints.one(family.tokens(), id), expiresOn, family.kind(), op)));
        });
    }

    @Override
    public CompletableFuture<Void> revoke(String tokenId) {
        return attempt(() -> {
            String op = operation(Capability.REVOKE, "revoke");
            String id = id(op, tokenId);
            if (id.equals(GitLabEndpoints.SELF) && family.self() != Self.EVERYWHERE) {
                throw GitLabChecks.bad(op, "GitLab has no 'self' for revoking " + family.noun() + "s (DELETE "
                        + family.tokens() + "/self answers 404); revoke by numeric id, for example get(\"self\").tokenId()");
            }
            return context.pipeline().send(context.api().revoke(GitLabEndpoints.one(family.tokens(), id), op));
        });
    }

    /** @return the operation's name for messages, once the family is known to have it */
    private String operation(Capability capability, String verb) {
        if (!capabilities().contains(capability)) {
            throw unsupported(capability);
        }
        return verb + " " + family.noun();
    }

    /** @return the checked token id: a number, or {@code self} where GitLab has it for the family */
    private String id(String op, String tokenId) {
        return GitLabChecks.tokenId(op, tokenId, family.self() != Self.NONE);
    }

    /** What to do instead, for the operations GitLab lacks for some families. */
    @Override
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        String hint = switch (capability) {
            case GET -> "GitLab has no GET by id for " + family.noun() + "s: find the token with list(TokenQuery).";
            case ROTATE -> "GitLab cannot rotate " + family.noun() + "s: create a successor, switch to it, then revoke"
                    + " the old token.";
            case CREATE -> "GitLab.com offers the create-token endpoints only on Self-Managed and Dedicated. Create the"
                    + " token in the web UI (or use a project, group or service-account token):";
            default -> "Use GitLab's web interface.";
        };
        return new UnsupportedCapabilityException("gitlab", capability, hint);
    }
}
