package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.PermissionException;
import dev.patkit.core.Token;
import dev.patkit.core.Tokens;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.BaseProviderClient;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.gitlab.GitLabAccessLevel;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabClientFactory;
import dev.patkit.gitlab.GitLabScopes;
import dev.patkit.gitlab.GitLabServiceAccounts;
import dev.patkit.gitlab.internal.GitLabEndpoints.Family;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GitLab client: inspection and Git credentials of its own, and the token families, each a
 * {@link GitLabTokens} on the paths {@link GitLabEndpoints} gives; everything else comes from
 * {@link BaseProviderClient}.
 */
public final class DefaultGitLabClient extends BaseProviderClient implements GitLabClient {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultGitLabClient.class);

    /** GitLab's default maximum token lifetime, in days. */
    public static final int DEFAULT_MAX_LIFETIME_DAYS = 365;

    private final Token token;
    private final GitLabContext context;
    private final PersonalTokens personal;

    /**
     * Creates a client; {@code GitLabClientFactory} does this.
     *
     * @param pipeline the pipeline, authenticating with {@code PRIVATE-TOKEN}
     * @param token the client's token, for Git credentials
     * @param clock the clock for expiry checks
     * @param mapper the JSON mapper, fetched only when a response needs it
     */
    public DefaultGitLabClient(HttpPipeline pipeline, Token token, Clock clock, Supplier<ObjectMapper> mapper) {
        this(token, GitLabContext.create(pipeline, clock, mapper, DEFAULT_MAX_LIFETIME_DAYS));
    }

    private DefaultGitLabClient(Token token, GitLabContext context) {
        super(GitLabClientFactory.ID, context.pipeline(), EnumSet.of(Capability.INSPECT, Capability.GIT_CREDENTIALS,
                Capability.AUTHENTICATE_REQUESTS));
        this.token = Objects.requireNonNull(token, "token");
        this.context = context;
        this.personal = new PersonalTokens(context);
    }

    @Override
    protected TokenFamily tokenFamily() {
        return personal;
    }

    /**
     * {@code GET /personal_access_tokens/self} and, sent at the same time, {@code GET /user} for the
     * owner's login and name (github-gitlab.md, GitLab §3 "Identity"). {@code /user} needs
     * {@code read_user}, {@code read_api} or {@code api}; without them the owner keeps only its id. A
     * rejected token (401) gives an authorization with GitLab's reason as its status.
     */
    @Override
    protected CompletableFuture<Authorization> inspection() {
        CompletableFuture<Authorization> self = pipeline().send(context.api().get(GitLabEndpoints.pat(GitLabEndpoints.SELF),
                GitLabJson.Kind.PERSONAL, "inspect token"));
        CompletableFuture<Optional<Owner>> user = pipeline().send(context.api().user()).handle((owner, e) -> {
            if (e != null) {
                LOG.debug("gitlab: GET /user failed ({}); the owner keeps only its id",
                        Futures.unwrap(e).getClass().getSimpleName());
                return Optional.empty();
            }
            return owner;
        });
        return self.thenCombine(user, DefaultGitLabClient::withOwner).handle((a, e) -> {
            if (e == null) {
                return a;
            }
            RuntimeException cause = Futures.unwrap(e);
            if (cause instanceof TokenRejectedException rejected) {
                return Authorization.builder(providerId(), baseUri()).status(rejected.status()).build();
            }
            throw cause;
        });
    }

    /** The record with the owner {@code /user} named, when it is the record's user (or the record names none). */
    private static Authorization withOwner(Authorization a, Optional<Owner> found) {
        if (found.isEmpty() || (a.owner().isPresent() && !a.owner().get().id().equals(found.get().id()))) {
            return a;
        }
        Owner user = found.get();
        Owner.Kind kind = a.owner().map(Owner::kind).filter(k -> k != Owner.Kind.USER).orElse(user.kind());
        return a.toBuilder().owner(Owner.of(user.id(), user.login().orElse(null), user.name().orElse(null), kind),
                ValueSource.SERVER).build();
    }

    @Override
    public GitLabClient withMaxTokenLifetime(int days) {
        if (days < 1 || days > 400) {
            throw new IllegalArgumentException("GitLab token lifetimes are 1 to 400 days");
        }
        return new DefaultGitLabClient(token, context.withMaxDays(days));
    }

    @Override
    public int maxTokenLifetimeDays() {
        return context.maxDays();
    }

    @Override
    public URI webCreationLink(String name, Collection<String> scopes) {
        return context.web().creationLink(name, scopes);
    }

    @Override
    public Stream<GitLabAssociation> associations() {
        return pipeline().paginate(context.api().associations(Optional.empty()));
    }

    @Override
    public Stream<GitLabAssociation> associations(GitLabAccessLevel minimum) {
        return pipeline().paginate(context.api().associations(Optional.of(Objects.requireNonNull(minimum, "minimum"))));
    }

    // ---- git -----------------------------------------------------------------------------------

    @Override
    public GitCredentials gitCredentials() {
        return new GitCredentials(GIT_USERNAME, token, Optional.empty());
    }

    @Override
    public GitCredentials checkedGitCredentials(boolean push) {
        return Futures.join(inspection().thenApply(a -> {
            ErrorContext context = ErrorContext.of(providerId(), "check git credentials");
            if (!a.isActive(this.context.clock())) {
                throw new AuthenticationException("gitlab: the token cannot be used for Git over HTTPS: it is "
                        + (a.status() == AuthorizationStatus.ACTIVE ? "EXPIRED" : a.status())
                        + ". Create or rotate a new one.", context);
            }
            List<String> needed = push ? GitLabScopes.GIT_PUSH : GitLabScopes.GIT_PULL;
            if (a.scopes().allowsAny(needed) == Permission.DENIED) {
                throw new PermissionException("gitlab: the token cannot " + (push ? "push" : "pull")
                        + " over Git HTTPS: it holds " + a.scopes() + " and needs " + (push
                        ? "write_repository or api" : "read_repository, write_repository or api"), context, needed);
            }
            return new GitCredentials(GIT_USERNAME, token, a.expiresAt());
        }));
    }

    // ---- the other token families --------------------------------------------------------------

    @Override
    public Tokens projectTokens(String projectId) {
        return resourceTokens(GitLabJson.Kind.PROJECT, projectId, Optional.empty());
    }

    @Override
    public Tokens projectTokens(String projectId, GitLabAccessLevel accessLevel) {
        return resourceTokens(GitLabJson.Kind.PROJECT, projectId, Optional.of(accessLevel));
    }

    @Override
    public Tokens groupTokens(String groupId) {
        return resourceTokens(GitLabJson.Kind.GROUP, groupId, Optional.empty());
    }

    @Override
    public Tokens groupTokens(String groupId, GitLabAccessLevel accessLevel) {
        return resourceTokens(GitLabJson.Kind.GROUP, groupId, Optional.of(accessLevel));
    }

    private Tokens resourceTokens(GitLabJson.Kind kind, String id, Optional<GitLabAccessLevel> accessLevel) {
        String what = kind.tokenKind();
        String checked = GitLabChecks.resource(what + " tokens", what, id);
        return new GitLabTokens(context, Family.resource(kind, checked, accessLevel)).sync();
    }

    @Override
    public Tokens impersonationTokens(String userId) {
        String user = GitLabChecks.userId("impersonation tokens", userId);
        return new GitLabTokens(context, Family.impersonation(user)).sync();
    }

    @Override
    public GitLabServiceAccounts groupServiceAccounts(String groupId) {
        return new DefaultServiceAccounts(context,
                Optional.of(GitLabChecks.resource("group service accounts", "group", groupId)));
    }

    @Override
    public GitLabServiceAccounts instanceServiceAccounts() {
        return new DefaultServiceAccounts(context, Optional.empty());
    }

    @Override
    public String toString() {
        return "GitLabClient[" + baseUri() + ", " + token + "]";
    }
}
