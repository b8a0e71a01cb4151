package dev.patkit.github.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.GitCredentials;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.ApiResponse;
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
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The GitHub client: every endpoint's one description (method, path, query, body, idempotency)
 * lives here; the response fields are in {@link GitHubWire}, the error shape in
 * {@link GitHubErrors}.
 */
public final class GitHubClientImpl implements GitHubClient {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GitHubClientImpl.class);
    private static final String ID = "github";
    private static final Pattern API_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** GitHub's documented limit of tokens per {@code POST /credentials/revoke}. */
    static final int REVOKE_BATCH = 1000;
    /** GitHub's limit of ids per bulk grant or request call. */
    static final int BULK_IDS = 100;
    static final int MAX_REASON = 1024;

    private final ProviderContext ctx;
    private final URI baseUri;
    private final Token token;
    private final String apiVersion;
    private final Pacers pacers;
    private final HttpPipeline pipeline;
    private final Pacer mutations;
    private final Pacer anonymousMutations;
    private final Pacers.LoginGate inspections;
    private final HostVersions versions;
    private final String origin;

    /** The token kinds {@code POST /credentials/revoke} accepts, exactly as GitHub's REST reference lists them. */
    static final Set<TokenKind> REVOCABLE = Set.copyOf(EnumSet.of(TokenKind.GITHUB_CLASSIC_PAT,
            TokenKind.GITHUB_FINE_GRAINED_PAT, TokenKind.GITHUB_OAUTH, TokenKind.GITHUB_APP_USER,
            TokenKind.GITHUB_APP_REFRESH));
    /** The first GitHub Enterprise Server release with {@code POST /credentials/revoke}. */
    static final HostVersions.Version CREDENTIAL_REVOKE_SINCE = new HostVersions.Version(3, 18);

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
    public GitHubClientImpl(ProviderContext ctx, URI baseUri, Token token, String apiVersion, Pacers pacers,
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
        this.anonymousMutations = pacers.mutations(origin, "anonymous", ctx.options().sleeper(), ctx.clock());
        this.inspections = pacers.inspections(origin, ctx.options().sleeper(), ctx.clock());
    }

    /**
     * Checks an {@code X-GitHub-Api-Version} value.
     *
     * @param apiVersion the value
     * @return the value
     * @throws IllegalArgumentException if it is not a {@code YYYY-MM-DD} date
     */
    public static String checkApiVersion(String apiVersion) {
        if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("The GitHub API version must be a date such as 2022-11-28");
        }
        return apiVersion;
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
        return new GitHubClientImpl(ctx, baseUri, token, checkApiVersion(version), pacers, versions);
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
        boolean olderServer = isEnterpriseServer() && versions.known(origin)
                .map(v -> v.compareTo(CREDENTIAL_REVOKE_SINCE) < 0).orElse(false);
        if (token.kind() == TokenKind.GITHUB_APP_INSTALLATION || (REVOCABLE.contains(token.kind()) && !olderServer)) {
            out.add(Capability.REVOKE);
        }
        return out;
    }

    /** Whether the base is a GitHub Enterprise Server: neither api.github.com nor a GHE.com host. */
    private boolean isEnterpriseServer() {
        String host = baseUri.getHost() == null ? "" : baseUri.getHost().toLowerCase(Locale.ROOT);
        return !host.equals("api.github.com") && !host.endsWith(".ghe.com");
    }

    // ---- inspect -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Authorization> inspectAsync() {
        ApiRequest<Authorization> request = ApiRequest.get("/user").operation("inspect token")
                .expect(r -> GitHubWire.inspection(r, baseUri, token, ctx.clock()));
        return inspections.run(() -> pipeline.send(request)).exceptionallyCompose(e -> {
            RuntimeException cause = Futures.unwrap(e);
            if (cause instanceof AuthenticationException a && a.httpStatus() == 401) {
                return CompletableFuture.completedFuture(GitHubWire.invalid(baseUri, token, ctx.clock()));
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    @Override
    public CompletableFuture<GitHubRateLimits> fetchRateLimitsAsync() {
        return pipeline.send(ApiRequest.get("/rate_limit").operation("read rate limits").expect(GitHubWire::rateLimits));
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
            // The documented self-revoke of an installation token; a retry that finds it dead (401) is done.
            ApiRequest<Void> delete = ApiRequest.delete("/installation/token").operation("revoke installation token")
                    .doneOnRetry(401).expect(r -> null);
            return mutations.run(() -> pipeline.send(delete));
        }
        if (!REVOCABLE.contains(token.kind())) {
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
        List<List<Token>> batches;
        try {
            batches = batches(tokens);
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!isEnterpriseServer()) {
            return sendRevocations(batches);
        }
        return versions.of(origin, this::readServerVersion).handle((version, error) -> {
            if (error != null) {
                LOG.debug("github: the server version of {} could not be read ({}); sending the revocation anyway", origin,
                        Futures.unwrap(error).getClass().getSimpleName());
                return Optional.<HostVersions.Version>empty();
            }
            return version;
        }).thenCompose(version -> {
            if (version.isPresent() && version.get().compareTo(CREDENTIAL_REVOKE_SINCE) < 0) {
                return CompletableFuture.failedFuture(new UnsupportedCapabilityException(ID, Capability.REVOKE,
                        "This GitHub Enterprise Server is version " + version.get() + "; POST /credentials/revoke exists"
                                + " from 3.18 on. Delete the tokens in the web UI (or have their owners do it):",
                        WebLinks.tokenList(baseUri, false)));
            }
            return sendRevocations(batches);
        });
    }

    /**
     * Reads a GitHub Enterprise Server's version once: {@code GET /meta}, from its
     * {@code X-GitHub-Enterprise-Version} header or its {@code installed_version} field.
     */
    private CompletableFuture<Optional<HostVersions.Version>> readServerVersion() {
        return pipeline.send(ApiRequest.get("/meta").operation("read the server version").expect(r -> r.headers()
                .first("X-GitHub-Enterprise-Version").flatMap(HostVersions.Version::parse)
                .or(() -> HostVersions.Version.parse(r.json().path("installed_version").asText(null)))))
                .exceptionallyCompose(e -> {
                    // An answer without a version (an error status) is an answer: the host is not asked again.
                    RuntimeException cause = Futures.unwrap(e);
                    return cause instanceof PatkitException p && p.httpStatus() > 0
                            ? CompletableFuture.completedFuture(Optional.empty()) : CompletableFuture.failedFuture(cause);
                });
    }

    private CompletableFuture<RevocationReport> sendRevocations(List<List<Token>> batches) {
        CompletableFuture<List<RevocationReport.Batch>> done = CompletableFuture.completedFuture(new ArrayList<>());
        for (int i = 0; i < batches.size(); i++) {
            int index = i + 1;
            List<Token> batch = batches.get(i);
            List<String> fingerprints = batch.stream().map(Token::fingerprint).toList();
            ApiRequest<Integer> request = ApiRequest.post("/credentials/revoke")
                    .operation("revoke credentials (batch " + index + " of " + batches.size() + ")")
                    .authenticated(false) // GitHub: "Any authenticated requests will return a 403"
                    .idempotent(true) // documented idempotent: revoking twice changes nothing
                    .json(Map.of("credentials", batch.stream().map(Token::reveal).toList()))
                    .carrying(batch)
                    .expect(ApiResponse::status);
            done = done.thenCompose(results -> {
                boolean stopped = results.stream().anyMatch(b -> b.outcome() == RevocationReport.Outcome.NOT_SENT
                        || b.error().filter(RateLimitedException.class::isInstance).isPresent());
                if (stopped) {
                    results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.NOT_SENT, 0,
                            Optional.empty()));
                    return CompletableFuture.completedFuture(results);
                }
                return anonymousMutations.run(() -> pipeline.send(request)).handle((status, error) -> {
                    if (error == null) {
                        results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.ACCEPTED,
                                status, Optional.empty()));
                    } else {
                        RuntimeException cause = Futures.unwrap(error);
                        PatkitException p = cause instanceof PatkitException pe ? pe
                                : new PatkitException("github: batch " + index + " failed (" + cause.getClass().getSimpleName()
                                        + ")", null, cause);
                        results.add(new RevocationReport.Batch(index, fingerprints, RevocationReport.Outcome.FAILED,
                                p.httpStatus(), Optional.of(p)));
                    }
                    return results;
                });
            });
        }
        return done.thenApply(RevocationReport::new);
    }

    private static List<List<Token>> batches(Collection<Token> tokens) {
        if (tokens == null || tokens.isEmpty()) {
            throw ValidationException.badInput(ID, "revoke credentials", "Give at least one token to revoke");
        }
        Set<Token> unique = new LinkedHashSet<>();
        int i = 0;
        for (Token t : tokens) {
            i++;
            if (t == null) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " is null");
            }
            if (!t.kind().provider().map(ID::equals).orElse(false)) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " (" + t
                        + ") is not in a GitHub token format; Patkit does not send other providers' tokens to GitHub");
            }
            if (!REVOCABLE.contains(t.kind())) {
                throw ValidationException.badInput(ID, "revoke credentials", "Token #" + i + " (" + t + ") is a "
                        + t.kind() + " token, which POST /credentials/revoke does not take (it takes ghp_, github_pat_,"
                        + " gho_, ghu_ and ghr_ only)" + (t.kind() == TokenKind.GITHUB_APP_INSTALLATION
                                ? "; an installation token revokes itself: revoke(\"self\") on a client built with it"
                                : "; delete it in the web UI"));
            }
            unique.add(t);
        }
        List<Token> all = new ArrayList<>(unique);
        List<List<Token>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += REVOKE_BATCH) {
            out.add(List.copyOf(all.subList(from, Math.min(all.size(), from + REVOKE_BATCH))));
        }
        return out;
    }

    // ---- organisation fine-grained token governance -------------------------------------------

    private static String orgPath(String org, String operation) {
        if (org == null || org.isBlank()) {
            throw ValidationException.badInput(ID, operation, "The organisation's login must not be blank");
        }
        return "/orgs/" + ApiRequest.segment(org);
    }

    @Override
    public Stream<FineGrainedTokenGrant> listGrants(String org, GrantQuery query) {
        String op = "list fine-grained token grants";
        ApiRequest.Builder b = filtered(ApiRequest.get(orgPath(org, op) + "/personal-access-tokens"), query);
        return pipeline.paginate(b.operation(op).expect(GitHubWire::grants));
    }

    @Override
    public Stream<FineGrainedTokenRequest> listRequests(String org, GrantQuery query) {
        String op = "list fine-grained token requests";
        ApiRequest.Builder b = filtered(ApiRequest.get(orgPath(org, op) + "/personal-access-token-requests"), query);
        return pipeline.paginate(b.operation(op).expect(GitHubWire::requests));
    }

    @Override
    public Stream<GitHubRepository> listGrantRepositories(String org, long grantId) {
        String op = "list a fine-grained token grant's repositories";
        return pipeline.paginate(ApiRequest.get(orgPath(org, op) + "/personal-access-tokens/" + id(grantId, op)
                + "/repositories").query("per_page", 100).operation(op).expect(GitHubWire::repositories));
    }

    @Override
    public Stream<GitHubRepository> listRequestRepositories(String org, long requestId) {
        String op = "list a fine-grained token request's repositories";
        return pipeline.paginate(ApiRequest.get(orgPath(org, op) + "/personal-access-token-requests/"
                + id(requestId, op) + "/repositories").query("per_page", 100).operation(op)
                .expect(GitHubWire::repositories));
    }

    @Override
    public CompletableFuture<Void> revokeGrantAsync(String org, long grantId) {
        String op = "revoke a fine-grained token grant";
        return mutate(() -> ApiRequest.post(orgPath(org, op) + "/personal-access-tokens/" + id(grantId, op))
                .operation(op).json(Map.of("action", "revoke")).expect(r -> null));
    }

    @Override
    public CompletableFuture<Void> revokeGrantsAsync(String org, Collection<Long> grantIds) {
        String op = "revoke fine-grained token grants";
        return mutate(() -> ApiRequest.post(orgPath(org, op) + "/personal-access-tokens").operation(op)
                .json(Map.of("action", "revoke", "pat_ids", ids(grantIds, op))).expect(r -> null));
    }

    @Override
    public CompletableFuture<Void> reviewRequestAsync(String org, long requestId, ReviewDecision decision, String reason) {
        String op = "review a fine-grained token request";
        return mutate(() -> ApiRequest.post(orgPath(org, op) + "/personal-access-token-requests/" + id(requestId, op))
                .operation(op).json(review(null, decision, reason, op)).expect(r -> null));
    }

    @Override
    public CompletableFuture<Void> reviewRequestsAsync(String org, Collection<Long> requestIds, ReviewDecision decision,
            String reason) {
        String op = "review fine-grained token requests";
        return mutate(() -> ApiRequest.post(orgPath(org, op) + "/personal-access-token-requests").operation(op)
                .json(review(ids(requestIds, op), decision, reason, op)).expect(r -> null));
    }

    /** Builds the request (validating before anything is sent), then sends it through this token's pacer. */
    private <T> CompletableFuture<T> mutate(java.util.function.Supplier<ApiRequest<T>> describe) {
        ApiRequest<T> request;
        try {
            request = describe.get();
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return mutations.run(() -> pipeline.send(request));
    }

    private static Map<String, Object> review(List<Long> ids, ReviewDecision decision, String reason, String op) {
        if (decision == null) {
            throw ValidationException.badInput(ID, op, "Say whether to approve or deny");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw ValidationException.badInput(ID, op, "The reason is longer than " + MAX_REASON + " characters");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (ids != null) {
            body.put("pat_request_ids", ids);
        }
        body.put("action", decision.wireValue());
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static String id(long id, String op) {
        if (id <= 0) {
            throw ValidationException.badInput(ID, op, "Ids are positive numbers, not " + id);
        }
        return Long.toString(id);
    }

    private static List<Long> ids(Collection<Long> ids, String op) {
        if (ids == null || ids.isEmpty() || ids.size() > BULK_IDS) {
            throw ValidationException.badInput(ID, op, "Give 1 to " + BULK_IDS + " ids per call, not "
                    + (ids == null ? 0 : ids.size()));
        }
        List<Long> out = new ArrayList<>(new LinkedHashSet<>(ids));
        for (Long id : out) {
            if (id == null || id <= 0) {
                throw ValidationException.badInput(ID, op, "Ids are positive numbers, not " + id);
            }
        }
        return out;
    }

    private static ApiRequest.Builder filtered(ApiRequest.Builder b, GrantQuery q) {
        Objects.requireNonNull(q, "query");
        b.query("per_page", q.perPage()).query("sort", "created_at").query("direction", q.ascending() ? "asc" : "desc");
        b.queryAll("owner[]", q.owners());
        q.repository().ifPresent(r -> b.query("repository", r));
        q.permission().ifPresent(p -> b.query("permission", p));
        q.lastUsedBefore().ifPresent(t -> b.query("last_used_before", iso(t)));
        q.lastUsedAfter().ifPresent(t -> b.query("last_used_after", iso(t)));
        b.queryAll("token_id[]", q.tokenIds());
        return b;
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    // ---- what GitHub's API cannot do -----------------------------------------------------------

    private boolean fineGrained() {
        return token.kind() == TokenKind.GITHUB_FINE_GRAINED_PAT;
    }

    @Override
    public CompletableFuture<CreatedToken> createAsync(TokenSpec spec) {
        try {
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
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
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
