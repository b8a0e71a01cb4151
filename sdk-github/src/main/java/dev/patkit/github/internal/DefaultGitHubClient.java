package dev.patkit.github.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.RequestAuthenticator;
import dev.patkit.github.FineGrainedTokenGrant;
import dev.patkit.github.FineGrainedTokenRequest;
import dev.patkit.github.GitHubClient;
import dev.patkit.github.GitHubRateLimits;
import dev.patkit.github.GitHubRepository;
import dev.patkit.github.GitHubScopes;
import dev.patkit.github.GrantQuery;
import dev.patkit.github.ReviewDecision;
import dev.patkit.github.RevocationReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The GitHub client, composition only: every request is described in {@link GitHubEndpoints}, the
 * response fields are read in {@link GitHubJson}, the error shape in {@link GitHubErrors}, pre-flight
 * checks in {@link GitHubChecks}; this class adds the pacing ({@link Pacers}), the GitHub Enterprise
 * Server version check ({@link HostVersions}) and the flows that combine calls.
 */
public final class DefaultGitHubClient implements GitHubClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DefaultGitHubClient.class);
    private static final String ID = GitHubChecks.ID;

    private final ProviderContext ctx;
    private final URI baseUri;
    private final Token token;
    private final String apiVersion;
    private final Pacers pacers;
    private final HttpPipeline pipeline;
    private final Pacer mutations;
    private final CredentialRevocations revocations;
    private final Pacers.LoginGate inspections;
    private final HostVersions versions;
    private final String origin;


    /**
     * Creates a client.
     *
     * @param ctx the factory's context
     * @param baseUri the API base
     * @param token the token
     * @param apiVersion the checked API version
     * @param pacers the factory's shared pacing state
     * @param versions the factory's shared GitHub Enterprise Server versions
     */
    public DefaultGitHubClient(ProviderContext ctx, URI baseUri, Token token, String apiVersion, Pacers pacers,
            HostVersions versions) {
        this.ctx = ctx;
        this.baseUri = baseUri;
        this.token = token;
        this.apiVersion = apiVersion;
        this.pacers = pacers;
        this.pipeline = ctx.pipeline(new PipelineSpec(ID, baseUri, RequestAuthenticator.header("Authorization", "Bearer ", token),
                new GitHubErrors(), Map.of(
                        "Accept", "application/vnd.github+json",
                        "X-GitHub-Api-Version", apiVersion)));
        this.versions = versions;
        this.origin = baseUri.getScheme().toLowerCase(Locale.ROOT) + "://" + baseUri.getRawAuthority().toLowerCase(Locale.ROOT);
        this.mutations = pacers.mutations(origin, token.fingerprint(), ctx.options().sleeper(), ctx.clock());
        this.revocations = new CredentialRevocations(pipeline, baseUri, origin, versions,
                pacers.mutations(origin, "anonymous", ctx.options().sleeper(), ctx.clock()));
        this.inspections = pacers.inspections(origin, ctx.options().sleeper(), ctx.clock());
    }

    @Override
    public String providerId() {
        return ID;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public String apiVersion() {
        return apiVersion;
    }

    @Override
    public GitHubClient withApiVersion(String version) {
        return new DefaultGitHubClient(ctx, baseUri, token, GitHubChecks.apiVersion(version), pacers, versions);
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
        EnumSet<Capability> out = EnumSet.of(Capability.INSPECT, Capability.GIT_CREDENTIALS,
                Capability.AUTHENTICATE_REQUESTS);
        if (token.kind() == TokenKind.GITHUB_APP_INSTALLATION
                || (GitHubChecks.REVOCABLE.contains(token.kind()) && !revocations.knownTooOld())) {
            out.add(Capability.REVOKE);
        }
        return out;
    }

    // ---- inspect -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Authorization> inspectAsync() {
        ApiRequest<Authorization> request = GitHubEndpoints.inspect(baseUri, token, ctx.clock());
        return inspections.run(() -> pipeline.send(request)).exceptionallyCompose(e -> {
            RuntimeException cause = Futures.unwrap(e);
            if (cause instanceof AuthenticationException a && a.httpStatus() == 401) {
                return CompletableFuture.completedFuture(GitHubJson.invalid(baseUri, token, ctx.clock()));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public CompletableFuture<GitHubRateLimits> fetchRateLimitsAsync() {
        return pipeline.send(GitHubEndpoints.rateLimits());
    }

    // ---- revocation ----------------------------------------------------------------------------

    /**
     * {@inheritDoc}
     *
     * <p>Only {@code self}: an installation token ({@code ghs_}) revokes itself with
     * {@code DELETE /installation/token}; the kinds {@code POST /credentials/revoke} takes go there;
     * a legacy 40-hex token cannot be revoked over the API.
     */
    @Override
    public CompletableFuture<Void> revokeAsync(String tokenId) {
        if (!"self".equals(tokenId)) {
            return CompletableFuture.failedFuture(ValidationException.badInput(ID, "revoke token",
                    "GitHub has no token ids a user can revoke by: use revoke(\"self\") for this client's token,"
                            + " revokeCredentials(tokens) for token values, or revokeGrant(org, id) for an"
                            + " organisation's fine-grained token grant"));
        }
        if (token.kind() == TokenKind.GITHUB_APP_INSTALLATION) {
            // The documented self-revoke of an installation token.
            return mutations.run(() -> pipeline.send(GitHubEndpoints.revokeInstallationToken()));
        }
        if (!GitHubChecks.REVOCABLE.contains(token.kind())) {
            return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.REVOKE,
                    "A " + token.kind() + " token cannot be revoked over GitHub's API (POST /credentials/revoke takes"
                            + " ghp_, github_pat_, gho_, ghu_ and ghr_ tokens only). Delete it in the web UI:",
                    WebLinks.tokenList(baseUri, false)));
        }
        return revokeCredentialsAsync(List.of(token)).thenCompose(report -> {
            RevocationReport.Batch batch = report.batches().get(0);
            return batch.outcome() == RevocationReport.Outcome.ACCEPTED
                    ? CompletableFuture.<Void>completedFuture(null)
                    : CompletableFuture.<Void>failedFuture(batch.error().orElseGet(() ->
                            new PatkitException("github: the revocation was not sent", null)));
        });
    }

    @Override
    public CompletableFuture<RevocationReport> revokeCredentialsAsync(Collection<Token> tokens) {
        return revocations.revoke(tokens);
    }

    // ---- organisation fine-grained token governance -------------------------------------------

    @Override
    public Stream<FineGrainedTokenGrant> listGrants(String org, GrantQuery query) {
        return pipeline.paginate(GitHubEndpoints.grants(org, query));
    }

    @Override
    public Stream<FineGrainedTokenRequest> listRequests(String org, GrantQuery query) {
        return pipeline.paginate(GitHubEndpoints.requests(org, query));
    }

    @Override
    public Stream<GitHubRepository> listGrantRepositories(String org, long grantId) {
        return pipeline.paginate(GitHubEndpoints.grantRepositories(org, grantId));
    }

    @Override
    public Stream<GitHubRepository> listRequestRepositories(String org, long requestId) {
        return pipeline.paginate(GitHubEndpoints.requestRepositories(org, requestId));
    }

    @Override
    public CompletableFuture<Void> revokeGrantAsync(String org, long grantId) {
        return mutate(() -> GitHubEndpoints.revokeGrant(org, grantId));
    }

    @Override
    public CompletableFuture<Void> revokeGrantsAsync(String org, Collection<Long> grantIds) {
        return mutate(() -> GitHubEndpoints.revokeGrants(org, grantIds));
    }

    @Override
    public CompletableFuture<Void> reviewRequestAsync(String org, long requestId, ReviewDecision decision, String reason) {
        return mutate(() -> GitHubEndpoints.reviewRequest(org, requestId, decision, reason));
    }

    @Override
    public CompletableFuture<Void> reviewRequestsAsync(String org, Collection<Long> requestIds, ReviewDecision decision,
            String reason) {
        return mutate(() -> GitHubEndpoints.reviewRequests(org, requestIds, decision, reason));
    }

    /** Builds the request (validating before anything is sent), then sends it through this token's pacer. */
    private <T> CompletableFuture<T> mutate(java.util.function.Supplier<ApiRequest<T>> describe) {
        return Futures.attempt(() -> {
            ApiRequest<T> request = describe.get();
            return mutations.run(() -> pipeline.send(request));
        });
    }

    // ---- what GitHub's API cannot do -----------------------------------------------------------

    private boolean fineGrained() {
        return token.kind() == TokenKind.GITHUB_FINE_GRAINED_PAT;
    }

    @Override
    public CompletableFuture<CreatedToken> createAsync(TokenSpec spec) {
        return Futures.attempt(() -> {
            Objects.requireNonNull(spec, "spec");
            if (spec.name().isBlank()) {
                throw ValidationException.badInput(ID, "create a token", "The token's name must not be blank");
            }
            if (spec.scopes().isEmpty()) {
                return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.CREATE,
                        "Create a fine-grained token in the web UI (choose its repositories and permissions there),"
                                + " then give Patkit the new token and inspect it:", WebLinks.newFineGrainedToken(baseUri)));
            }
            GitHubScopes.CATALOGUE.requireKnown(spec.scopes());
            String note = spec.description().filter(d -> !d.isBlank()).orElse(spec.name());
            return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.CREATE,
                    "Create the classic token in the web UI with this pre-filled link, then give Patkit the new token and"
                            + " inspect it:", WebLinks.newClassicToken(baseUri, spec.scopes(), note)));
        });
    }

    @Override
    public UnsupportedCapabilityException unsupported(Capability capability) {
        return switch (capability) {
            case CREATE -> new UnsupportedCapabilityException(ID, capability,
                    "Create it in the web UI, then give Patkit the new token and inspect it:",
                    fineGrained() ? WebLinks.newFineGrainedToken(baseUri) : WebLinks.newClassicToken(baseUri, List.of(), null));
            case ROTATE -> new UnsupportedCapabilityException(ID, capability,
                    "Create a successor in the web UI, switch to it, then revoke this token with revoke(\"self\"):",
                    fineGrained() ? WebLinks.newFineGrainedToken(baseUri) : WebLinks.newClassicToken(baseUri, List.of(), null));
            case LIST, GET -> new UnsupportedCapabilityException(ID, capability,
                    "A user's own tokens are only shown in the web UI; organisation owners can list fine-grained token"
                            + " grants with listGrants(org, query) and a GitHub App installation token:",
                    WebLinks.tokenList(baseUri, fineGrained()));
            default -> GitHubClient.super.unsupported(capability);
        };
    }

    // ---- credentials for the caller ------------------------------------------------------------

    @Override
    public GitCredentials gitCredentials() {
        return new GitCredentials("x-access-token", token, Optional.empty());
    }

    @Override
    public HttpRequest.Builder authenticate(HttpRequest.Builder request) {
        return pipeline.authenticate(request);
    }

    @Override
    public Optional<RateLimitSnapshot> rateLimit() {
        return pipeline.rateLimit();
    }

    @Override
    public String toString() {
        return "GitHubClient[" + baseUri + ", " + token + ", api " + apiVersion + "]";
    }
}
