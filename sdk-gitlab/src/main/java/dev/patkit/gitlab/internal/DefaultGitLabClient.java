package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.Futures.attempt;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Owner;
import dev.patkit.core.Permission;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.gitlab.GitLabAccessLevel;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabImpersonationTokens;
import dev.patkit.gitlab.GitLabResourceTokens;
import dev.patkit.gitlab.GitLabScopes;
import dev.patkit.gitlab.GitLabServiceAccounts;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

/** The GitLab client: each operation is one {@link GitLabEndpoints} description sent through the pipeline. */
public final class DefaultGitLabClient implements GitLabClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefaultGitLabClient.class);

    /** GitLab's default maximum token lifetime, in days. */
    public static final int DEFAULT_MAX_LIFETIME_DAYS = 365;

    private final HttpPipeline pipeline;
    private final Token token;
    private final Clock clock;
    private final TokenJson json;
    private final GitLabEndpoints api;
    private final SafeRotation rotation;
    private final Set<String> rotated;
    private final int maxDays;

    /**
     * Creates a client; {@code GitLabClientFactory} does this.
     *
     * @param pipeline the pipeline, authenticating with {@code PRIVATE-TOKEN}
     * @param token the client's token
     * @param clock the clock for expiry checks
     * @param mapper the JSON mapper, fetched only when a response needs it
     */
    public DefaultGitLabClient(HttpPipeline pipeline, Token token, Clock clock,
            java.util.function.Supplier<com.fasterxml.jackson.databind.ObjectMapper> mapper) {
        this(pipeline, token, clock, new TokenJson(pipeline.baseUri(), clock, mapper), ConcurrentHashMap.newKeySet(),
                DEFAULT_MAX_LIFETIME_DAYS);
    }

    private DefaultGitLabClient(HttpPipeline pipeline, Token token, Clock clock, TokenJson json, Set<String> rotated,
            int maxDays) {
        this.pipeline = pipeline;
        this.token = token;
        this.clock = clock;
        this.json = json;
        this.api = new GitLabEndpoints(json);
        this.rotated = rotated;
        this.rotation = new SafeRotation(pipeline, clock, rotated);
        this.maxDays = maxDays;
    }

    @Override
    public String providerId() {
        return "gitlab";
    }

    @Override
    public URI baseUri() {
        return pipeline.baseUri();
    }

    @Override
    public Set<Capability> capabilities() {
        EnumSet<Capability> all = EnumSet.allOf(Capability.class);
        if (isGitLabCom()) {
            all.remove(Capability.CREATE);
        }
        return Set.copyOf(all);
    }

    /** Whether the client talks to GitLab.com, where the personal-token create endpoints are not offered. */
    private boolean isGitLabCom() {
        String host = baseUri().getHost();
        return host != null && (host.equalsIgnoreCase("gitlab.com") || host.equalsIgnoreCase("www.gitlab.com"));
    }

    @Override
    public GitLabClient withMaxTokenLifetime(int days) {
        if (days < 1 || days > 400) {
            throw new IllegalArgumentException("GitLab token lifetimes are 1 to 400 days");
        }
        return new DefaultGitLabClient(pipeline, token, clock, json, rotated, days);
    }

    @Override
    public int maxTokenLifetimeDays() {
        return maxDays;
    }

    // ---- personal access tokens ---------------------------------------------------------------

    /**
     * {@code GET /personal_access_tokens/self} and, sent at the same time, {@code GET /user} for the
     * owner's login and name (github-gitlab.md, GitLab §3 "Identity"). {@code /user} needs
     * {@code read_user}, {@code read_api} or {@code api}; without them the owner keeps only its id.
     */
    @Override
    public CompletableFuture<Authorization> inspectAsync() {
        return Futures.concurrently(() -> {
            CompletableFuture<Authorization> self = pipeline.send(api.get(GitLabEndpoints.pat(GitLabChecks.SELF),
                    TokenJson.Kind.PERSONAL, "inspect token"));
            CompletableFuture<Owner> user = pipeline.send(api.user()).handle((o, e) -> {
                if (e != null) {
                    LOG.debug("gitlab: GET /user failed ({}); the owner keeps only its id",
                            Futures.unwrap(e).getClass().getSimpleName());
                    return null;
                }
                return o;
            });
            return self.thenCombine(user, DefaultGitLabClient::withOwner);
        }).handle((a, e) -> {
            if (e == null) {
                return a;
            }
            RuntimeException cause = Futures.unwrap(e);
            if (cause instanceof TokenRejectedException rejected) {
                return Authorization.builder("gitlab", baseUri()).status(rejected.status()).clock(clock).build();
            }
            throw cause;
        });
    }

    /** The record with the owner {@code /user} named, when it is the record's user (or the record names none). */
    private static Authorization withOwner(Authorization a, Owner user) {
        if (user == null || (a.owner().isPresent() && !a.owner().get().id().equals(user.id()))) {
            return a;
        }
        Owner.Kind kind = a.owner().map(Owner::kind).filter(k -> k != Owner.Kind.USER).orElse(user.kind());
        return a.toBuilder().owner(Owner.of(user.id(), user.login().orElse(null), user.name().orElse(null), kind),
                ValueSource.SERVER).build();
    }

    @Override
    public Stream<Authorization> list(TokenQuery query) {
        return pipeline.paginate(api.list(GitLabEndpoints.PATS, query, true, TokenJson.Kind.PERSONAL,
                "list personal access tokens"));
    }

    @Override
    public CompletableFuture<Authorization> getAsync(String tokenId) {
        return attempt(() -> pipeline.send(api.get(GitLabEndpoints.pat(GitLabChecks.tokenId("get personal access token", tokenId, true)),
                TokenJson.Kind.PERSONAL, "get personal access token")));
    }

    /**
     * {@code POST /users/:id/personal_access_tokens} (administrators) or
     * {@code POST /user/personal_access_tokens}: both are offered on GitLab Self-Managed and
     * Dedicated only (github-gitlab.md, GitLab §3 "Create PATs"), so on GitLab.com no request is sent
     * and the web link is given instead.
     */
    @Override
    public CompletableFuture<CreatedToken> createAsync(TokenSpec spec) {
        return attempt(() -> {
            if (isGitLabCom()) {
                throw new UnsupportedCapabilityException("gitlab", Capability.CREATE, "GitLab.com offers the create-token"
                        + " endpoints only on Self-Managed and Dedicated. Create the token in the web UI (or use a"
                        + " project, group or service-account token):",
                        webCreationLink(spec.name(), spec.scopes()));
            }
            if (spec.ownerId().isPresent()) {
                String op = "create personal access token for a user";
                String userId = GitLabChecks.userId(op, spec.ownerId().get());
                GitLabChecks.spec(op, spec, clock, maxDays, false);
                return pipeline.send(api.create(GitLabEndpoints.userPats(userId), spec, null, TokenJson.Kind.PERSONAL, op));
            }
            String op = "create personal access token for self";
            GitLabChecks.spec(op, spec, clock, maxDays, false);
            List<String> other = spec.scopes().stream().filter(s -> !GitLabScopes.SELF_CREATABLE.contains(s)).toList();
            if (!other.isEmpty()) {
                throw GitLabChecks.bad(op, "GitLab lets users create tokens for themselves over the API only with the scopes "
                        + GitLabScopes.SELF_CREATABLE + ", not " + other + ". Create it in the web UI: "
                        + webCreationLink(spec.name(), spec.scopes())
                        + " (or, as an administrator, create it for the user with TokenSpec.forOwner)");
            }
            return pipeline.send(api.create(GitLabEndpoints.SELF_CREATE, spec, null, TokenJson.Kind.PERSONAL, op));
        });
    }

    @Override
    public CompletableFuture<CreatedToken> rotateAsync(String tokenId, LocalDate expiresOn) {
        return attempt(() -> {
            String op = "rotate personal access token";
            String id = GitLabChecks.tokenId(op, tokenId, true);
            GitLabChecks.expiry(op, expiresOn, clock, maxDays);
            String path = GitLabEndpoints.pat(id);
            return rotation.run(new SafeRotation.Target("pat", id,
                    api.get(path, TokenJson.Kind.PERSONAL, "check personal access token"), true,
                    api.rotate(path, expiresOn, TokenJson.Kind.PERSONAL, op)));
        });
    }

    @Override
    public CompletableFuture<Void> revokeAsync(String tokenId) {
        return attempt(() -> {
            String op = "revoke personal access token";
            return pipeline.send(api.revoke(GitLabEndpoints.pat(GitLabChecks.tokenId(op, tokenId, true)), op));
        });
    }

    @Override
    public Stream<GitLabAssociation> associations(Integer minAccessLevel) {
        if (minAccessLevel != null) {
            GitLabAccessLevel.of(minAccessLevel);
        }
        return pipeline.paginate(api.associations(minAccessLevel));
    }

    // ---- web and git ---------------------------------------------------------------------------

    @Override
    public URI webCreationLink(String name, Collection<String> scopes) {
        String op = "build token creation link";
        GitLabChecks.name(op, name);
        GitLabChecks.scopes(op, scopes);
        return URI.create(webRoot() + "/-/user_settings/personal_access_tokens?name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")
                + "&scopes=" + String.join(",", scopes));
    }

    /** The web root: the API base without its trailing {@code /api/v4}, keeping a path prefix. */
    private String webRoot() {
        URI base = baseUri();
        String path = base.getRawPath() == null ? "" : base.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        path = path.endsWith("/api/v4") ? path.substring(0, path.length() - "/api/v4".length()) : "";
        return base.getScheme() + "://" + base.getRawAuthority() + path;
    }

    @Override
    public GitCredentials gitCredentials() {
        return new GitCredentials(GIT_USERNAME, token, Optional.empty());
    }

    @Override
    public CompletableFuture<GitCredentials> checkedGitCredentialsAsync(boolean push) {
        return inspectAsync().thenApply(a -> {
            ErrorContext context = ErrorContext.of("gitlab", "check git credentials");
            if (!a.isActive()) {
                throw new AuthenticationException("gitlab: the token cannot be used for Git over HTTPS: it is "
                        + (a.status() == dev.patkit.core.AuthorizationStatus.ACTIVE ? "EXPIRED" : a.status())
                        + ". Create or rotate a new one.", context);
            }
            List<String> needed = push ? GitLabScopes.GIT_PUSH : GitLabScopes.GIT_PULL;
            if (a.scopes().allowsAny(needed) == Permission.DENIED) {
                throw new PermissionException("gitlab: the token cannot " + (push ? "push" : "pull")
                        + " over Git HTTPS: it holds " + a.scopes() + " and needs " + (push
                        ? "write_repository or api" : "read_repository, write_repository or api"), context, needed);
            }
            return new GitCredentials(GIT_USERNAME, token, a.expiresAt());
        });
    }

    // ---- project, group, impersonation and service-account tokens ------------------------------

    @Override
    public GitLabResourceTokens projectTokens(String projectId) {
        return new DefaultResourceTokens("project", GitLabChecks.resource("project tokens", "project", projectId),
                TokenJson.Kind.PROJECT, this);
    }

    @Override
    public GitLabResourceTokens groupTokens(String groupId) {
        return new DefaultResourceTokens("group", GitLabChecks.resource("group tokens", "group", groupId),
                TokenJson.Kind.GROUP, this);
    }

    @Override
    public GitLabImpersonationTokens impersonationTokens(String userId) {
        return new DefaultImpersonationTokens(this, userId);
    }

    @Override
    public GitLabServiceAccounts groupServiceAccounts(String groupId) {
        return new DefaultServiceAccounts(this, GitLabChecks.resource("group service accounts", "group", groupId));
    }

    @Override
    public GitLabServiceAccounts instanceServiceAccounts() {
        return new DefaultServiceAccounts(this, null);
    }

    // ---- plumbing ------------------------------------------------------------------------------

    @Override
    public HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        return pipeline.authenticate(request);
    }

    @Override
    public Optional<RateLimitSnapshot> rateLimit() {
        return pipeline.rateLimit();
    }

    @Override
    public UnsupportedCapabilityException unsupported(Capability capability) {
        return new UnsupportedCapabilityException("gitlab", capability,
                "Use GitLab's access token settings page.",
                URI.create(webRoot() + "/-/user_settings/personal_access_tokens"));
    }

    @Override
    public String toString() {
        return "GitLabClient[" + baseUri() + ", " + token + "]";
    }

    HttpPipeline pipeline() {
        return pipeline;
    }

    GitLabEndpoints api() {
        return api;
    }

    SafeRotation rotation() {
        return rotation;
    }

    Clock clock() {
        return clock;
    }

    int maxDays() {
        return maxDays;
    }
}
