package dev.patkit.github.internal;

import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.BaseProviderClient;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.github.AsyncGitHubClient;
import dev.patkit.github.FineGrainedTokenGrant;
import dev.patkit.github.FineGrainedTokenRequest;
import dev.patkit.github.GitHubClient;
import dev.patkit.github.GitHubRateLimits;
import dev.patkit.github.GitHubRepository;
import dev.patkit.github.GrantQuery;
import dev.patkit.github.ReviewDecision;
import dev.patkit.github.RevocationReport;
import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The GitHub client, composition only: every request is described in {@link GitHubEndpoints}, the
 * response fields are read in {@link GitHubJson}, the error shape in {@link GitHubErrors}, pre-flight
 * checks in {@link GitHubChecks}, the default token family in {@link GitHubTokens}; this class adds
 * the pacing ({@link Pacers}) and the GitHub Enterprise Server versions ({@link HostVersions}), both
 * shared per {@link dev.patkit.core.Patkit} through {@link ProviderContext#shared}. The extras with
 * futures live in the asynchronous view; the blocking ones join it.
 */
public final class DefaultGitHubClient extends BaseProviderClient implements GitHubClient {

    private static final String ID = GitHubChecks.ID;

    private final ProviderContext ctx;
    private final Token token;
    private final String apiVersion;
    private final Pacer mutations;
    private final CredentialRevocations revocations;
    private final Pacers.LoginGate inspections;
    /** The inspection, described once: an {@code ApiRequest} is immutable and may be sent any number of times. */
    private final ApiRequest<Authorization> inspect;
    private final GitHubTokens tokens;
    private final Async async = new Async();

    /**
     * Creates a client.
     *
     * @param ctx the factory's context; its shared state holds the pacers and server versions
     * @param baseUri the API base
     * @param token the token
     * @param apiVersion the checked API version
     */
    public DefaultGitHubClient(ProviderContext ctx, URI baseUri, Token token, String apiVersion) {
        super(ID, pipeline(ctx, baseUri, token, apiVersion),
                EnumSet.of(Capability.INSPECT, Capability.GIT_CREDENTIALS, Capability.AUTHENTICATE_REQUESTS));
        this.ctx = ctx;
        this.token = token;
        this.apiVersion = apiVersion;
        Pacers pacers = ctx.shared(Pacers.class, Pacers::new);
        String origin = baseUri.getScheme().toLowerCase(Locale.ROOT) + "://" + baseUri.getRawAuthority().toLowerCase(Locale.ROOT);
        this.mutations = pacers.mutations(origin, token.fingerprint(), ctx.options().sleeper(), ctx.clock());
        this.revocations = new CredentialRevocations(pipeline(), baseUri, origin, ctx.shared(HostVersions.class, HostVersions::new),
                pacers.mutations(origin, "anonymous", ctx.options().sleeper(), ctx.clock()));
        this.inspections = pacers.inspections(origin, ctx.options().sleeper(), ctx.clock());
        this.inspect = GitHubEndpoints.inspect(baseUri, token);
        this.tokens = new GitHubTokens(baseUri, token, pipeline(), mutations, revocations);
    }

    private static HttpPipeline pipeline(ProviderContext ctx, URI baseUri, Token token, String apiVersion) {
        return ctx.pipeline(new PipelineSpec(ID, baseUri, RequestAuthenticator.header("Authorization", "Bearer ", token),
                new GitHubErrors(), Map.of("Accept", "application/vnd.github+json", "X-GitHub-Api-Version", apiVersion)));
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public GitHubClient withApiVersion(String version) {
        return new DefaultGitHubClient(ctx, baseUri(), token, GitHubChecks.apiVersion(version));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@link Capability#REVOKE} (of the client's own token) is there for an installation token
     * ({@code DELETE /installation/token}) and for the kinds {@code POST /credentials/revoke} takes,
     * unless the host is a GitHub Enterprise Server known to be older than 3.18 (its version is read
     * at the first revocation); never for a legacy 40-hex token.
     */
    @Override
    public Set<Capability> capabilities() {
        if (token.kind() != dev.patkit.core.TokenKind.GITHUB_APP_INSTALLATION && revocations.knownTooOld()) {
            EnumSet<Capability> out = EnumSet.copyOf(super.capabilities());
            out.remove(Capability.REVOKE);
            return Set.copyOf(out);
        }
        return super.capabilities();
    }

    @Override
    protected CompletableFuture<Authorization> inspection() {
        return inspections.run(() -> pipeline().send(inspect));
    }

    @Override
    protected TokenFamily tokenFamily() {
        return tokens;
    }

    @Override
    public GitCredentials gitCredentials() {
        return new GitCredentials("x-access-token", token, Optional.empty());
    }

    @Override
    public AsyncGitHubClient async() {
        return async;
    }

    // ---- the blocking extras: each joins its asynchronous form --------------------------------

    @Override
    public RevocationReport revokeCredentials(Collection<Token> tokens) {
        return Futures.join(async.revokeCredentials(tokens));
    }

    @Override
    public GitHubRateLimits fetchRateLimits() {
        return Futures.join(async.fetchRateLimits());
    }

    @Override
    public void revokeGrant(String org, long grantId) {
        Futures.join(async.revokeGrant(org, grantId));
    }

    @Override
    public void revokeGrants(String org, Collection<Long> grantIds) {
        Futures.join(async.revokeGrants(org, grantIds));
    }

    @Override
    public void reviewRequest(String org, long requestId, ReviewDecision decision) {
        Futures.join(async.reviewRequest(org, requestId, decision));
    }

    @Override
    public void reviewRequest(String org, long requestId, ReviewDecision decision, String reason) {
        Futures.join(async.reviewRequest(org, requestId, decision, reason));
    }

    @Override
    public void reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision) {
        Futures.join(async.reviewRequests(org, requestIds, decision));
    }

    @Override
    public void reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision, String reason) {
        Futures.join(async.reviewRequests(org, requestIds, decision, reason));
    }

    // ---- organisation fine-grained token governance: lazy lists --------------------------------

    @Override
    public Stream<FineGrainedTokenGrant> listGrants(String org, GrantQuery query) {
        return pipeline().paginate(GitHubEndpoints.grants(org, query));
    }

    @Override
    public Stream<FineGrainedTokenRequest> listRequests(String org, GrantQuery query) {
        return pipeline().paginate(GitHubEndpoints.requests(org, query));
    }

    @Override
    public Stream<GitHubRepository> listGrantRepositories(String org, long grantId) {
        return pipeline().paginate(GitHubEndpoints.grantRepositories(org, grantId));
    }

    @Override
    public Stream<GitHubRepository> listRequestRepositories(String org, long requestId) {
        return pipeline().paginate(GitHubEndpoints.requestRepositories(org, requestId));
    }

    @Override
    public String toString() {
        return "GitHubClient[" + baseUri() + ", " + token + ", api " + apiVersion + "]";
    }

    /** The asynchronous view: where every GitHub extra is sent. */
    private final class Async extends AsyncView implements AsyncGitHubClient {

        Async() {
            super(DefaultGitHubClient.this);
        }

        @Override
        public GitHubClient sync() {
            return DefaultGitHubClient.this;
        }

        @Override
        public CompletableFuture<RevocationReport> revokeCredentials(Collection<Token> tokens) {
            return revocations.revoke(tokens);
        }

        @Override
        public CompletableFuture<GitHubRateLimits> fetchRateLimits() {
            return pipeline().send(GitHubEndpoints.rateLimits());
        }

        @Override
        public CompletableFuture<Void> revokeGrant(String org, long grantId) {
            return mutate(() -> GitHubEndpoints.revokeGrant(org, grantId));
        }

        @Override
        public CompletableFuture<Void> revokeGrants(String org, Collection<Long> grantIds) {
            return mutate(() -> GitHubEndpoints.revokeGrants(org, grantIds));
        }

        @Override
        public CompletableFuture<Void> reviewRequest(String org, long requestId, ReviewDecision decision) {
            return mutate(() -> GitHubEndpoints.reviewRequest(org, requestId, decision, Optional.empty()));
        }

        @Override
        public CompletableFuture<Void> reviewRequest(String org, long requestId, ReviewDecision decision, String reason) {
            return mutate(() -> GitHubEndpoints.reviewRequest(org, requestId, decision, reason(reason)));
        }

        @Override
        public CompletableFuture<Void> reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision) {
            return mutate(() -> GitHubEndpoints.reviewRequests(org, requestIds, decision, Optional.empty()));
        }

        @Override
        public CompletableFuture<Void> reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision,
                String reason) {
            return mutate(() -> GitHubEndpoints.reviewRequests(org, requestIds, decision, reason(reason)));
        }

        private Optional<String> reason(String reason) {
            return Optional.of(Objects.requireNonNull(reason, "reason"));
        }

        /** Builds the request (validating before anything is sent), then sends it through this token's pacer. */
        private <T> CompletableFuture<T> mutate(Supplier<ApiRequest<T>> describe) {
            return Futures.attempt(() -> {
                ApiRequest<T> request = describe.get();
                return mutations.run(() -> pipeline().send(request));
            });
        }
    }
}
