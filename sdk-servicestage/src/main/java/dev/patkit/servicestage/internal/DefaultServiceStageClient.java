package dev.patkit.servicestage.internal;

import dev.patkit.core.spi.Futures;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.Credential;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.rotation.TokenHolder;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.IamPassword;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ServiceStage client. See {@link ServiceStageClient} for the contract. */
public final class DefaultServiceStageClient implements ServiceStageClient {

    /** The provider id. */
    public static final String PROVIDER = "servicestage";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultServiceStageClient.class);
    private static final URI CONSOLE_HELP =
            URI.create("https://support.huaweicloud.com/intl/en-us/usermanual-servicestage/servicestage_03_0076.html");
    private static final Set<Capability> CAPABILITIES = Set.copyOf(EnumSet.of(Capability.INSPECT, Capability.LIST,
            Capability.GET, Capability.REVOKE, Capability.AUTHENTICATE_REQUESTS));

    private final URI baseUri;
    private final Endpoint endpoint;
    private final String region;
    private final Credential credential;
    private final HttpPipeline pipeline;
    private final HttpPipeline iam;
    private final IamLogin login;
    private final ServiceStageApi.Mapping mapping;
    private final ProviderContext ctx;
    private final ProjectIds projectIds;
    private final Reconciling reconciling;

    /**
     * Creates a client.
     *
     * @param ctx the shared context
     * @param baseUri the ServiceStage base URI, optionally ending in {@code /v1/{project_id}}
     * @param credential an {@link IamToken}, {@link IamPassword}, {@link AccessKey} or a core
     *     {@link Token} taken as an IAM token
     */
    public DefaultServiceStageClient(ProviderContext ctx, URI baseUri, Credential credential) {
        this.ctx = ctx;
        this.baseUri = baseUri;
        this.endpoint = Endpoint.parse(baseUri);
        this.credential = credential instanceof Token t ? IamToken.of(t) : credential;
        ServiceStageErrors errors = new ServiceStageErrors();
        // The AK/SK signer sends the project id once it is known; it is resolved through the IAM pipeline below.
        AtomicReference<ProjectIds> ids = new AtomicReference<>();
        CredentialSetup setup = CredentialSetup.of(ctx, this.credential, endpoint, errors,
                () -> ids.get() == null ? null : ids.get().known());
        this.region = setup.region();
        this.login = setup.login();
        // ServiceStage marks Content-Type mandatory on every git-auth call, GET and DELETE included (B.2).
        this.pipeline = ctx.pipeline(new PipelineSpec(PROVIDER, endpoint.apiBase(), setup.auth(), errors,
                Map.of("Content-Type", ServiceStageApi.CONTENT_TYPE)));
        this.iam = setup.iamEndpoint() == null ? null
                : ctx.pipeline(new PipelineSpec(PROVIDER, setup.iamEndpoint(), setup.iamAuth(), errors, Map.of()));
        this.projectIds = new ProjectIds(endpoint.projectId(), region, iam);
        ids.set(projectIds);
        this.mapping = new ServiceStageApi.Mapping(baseUri, ctx.clock(), ctx::objectMapper);
        this.reconciling = new Reconciling(pipeline, mapping);
    }

    // ---- ProviderClient -------------------------------------------------------------------

    @Override
    public String providerId() {
        return PROVIDER;
    }

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * Checks the ServiceStage credential by listing the authorizations: ACTIVE when it works,
     * INVALID when Huawei Cloud rejects it (no exception); other failures propagate.
     */
    @Override
    public CompletableFuture<Authorization> inspectAsync() {
        return listAuthorizationsAsync().handle((list, error) -> {
            Authorization.Builder b = Authorization.builder(PROVIDER, baseUri)
                    .tokenName(credentialName())
                    .tokenKind(credentialKind())
                    .scopes(Scopes.unknown(), ValueSource.SERVER)
                    .clock(ctx.clock());
            Map<String, Object> raw = new LinkedHashMap<>();
            if (region != null) {
                raw.put("region", region);
            }
            if (projectIds.known() != null) {
                raw.put("project_id", projectIds.known());
            }
            if (error != null) {
                RuntimeException e = Futures.unwrap(error);
                if (e instanceof AuthenticationException) {
                    return b.status(AuthorizationStatus.INVALID).raw(raw).build();
                }
                throw e;
            }
            raw.put("authorizations", list.size());
            if (login != null && login.expiresAt() != null) {
                raw.put("iam_token_expires_at", login.expiresAt().toString());
            }
            return b.status(AuthorizationStatus.ACTIVE).raw(raw).build();
        });
    }

    private String credentialKind() {
        if (credential instanceof IamPassword) {
            return "iam-password";
        }
        if (credential instanceof AccessKey k) {
            return k.isTemporary() ? "temporary-access-key" : "access-key";
        }
        return "iam-token";
    }

    private String credentialName() {
        if (credential instanceof IamPassword p) {
            return p.user() + "@" + p.domain();
        }
        if (credential instanceof AccessKey k) {
            return k.accessKeyId();
        }
        return "IAM token sha256:" + credential.fingerprint();
    }

    /**
     * The stored authorizations, fetched when the stream is first consumed. Filters applied here
     * (ServiceStage has none): {@code search} (name contains) and {@code state}.
     */
    @Override
    public Stream<Authorization> list(TokenQuery query) {
        return Stream.of(query).flatMap(q -> pipeline.paginate(ServiceStageApi.list(Futures.join(projectIdAsync()), mapping)))
                .map(GitAuthorization::authorization)
                .filter(a -> query.search().map(s -> a.tokenName().orElse("").contains(s)).orElse(true))
                .filter(a -> query.state().map(s -> (s == TokenQuery.State.ACTIVE) == (a.status() == AuthorizationStatus.ACTIVE))
                        .orElse(true));
    }

    @Override
    public CompletableFuture<Authorization> getAsync(String name) {
        return findAsync(name).thenApply(found -> found.map(GitAuthorization::authorization)
                .orElseThrow(() -> new NotFoundException(PROVIDER + ": no repository authorization named '" + name
                        + "' in project " + projectIds.known(), ErrorContext.of(PROVIDER, "get repository authorization"))));
    }

    /** Deletes the stored authorization of that name; the token stays valid at the forge. */
    @Override
    public CompletableFuture<Void> revokeAsync(String name) {
        return deleteAsync(name);
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
    public UnsupportedCapabilityException unsupported(Capability capability) {
        String hint;
        switch (capability) {
            case CREATE:
                hint = "ServiceStage stores forge tokens; it does not issue them. Create the token at the forge, then"
                        + " register it with ServiceStageClient.createPersonal(...).";
                break;
            case ROTATE:
                hint = "ServiceStage has no update. Rotate the token at the forge, then use ServiceStageClient.replace(...),"
                        + " which registers the new token under a new name, verifies it and deletes the old one.";
                break;
            case GIT_CREDENTIALS:
                hint = "ServiceStage never returns a stored credential; use the forge token itself.";
                break;
            default:
                hint = "Use the ServiceStage console.";
        }
        return new UnsupportedCapabilityException(PROVIDER, capability, hint, CONSOLE_HELP);
    }

    @Override
    public String toString() {
        return "ServiceStageClient[" + endpoint.apiBase() + ", " + credential + "]";
    }

    // ---- project id -----------------------------------------------------------------------

    @Override
    public CompletableFuture<String> projectIdAsync() {
        return projectIds.get();
    }

    // ---- authorizations -------------------------------------------------------------------

    @Override
    public CompletableFuture<List<GitAuthorization>> listAuthorizationsAsync() {
        return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.list(pid, mapping)));
    }

    @Override
    public CompletableFuture<Optional<GitAuthorization>> findAsync(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "find repository authorization");
            return listAuthorizationsAsync().thenApply(all -> all.stream().filter(a -> a.name().equals(name)).findFirst());
        });
    }

    @Override
    public CompletableFuture<Registration> createPersonalAsync(PersonalAuthorization request) {
        String op = "create personal authorization";
        return Futures.attempt(() -> {
            Validation.name(request.name(), op);
            Validation.repoType(request.repoType(), RepoType.PERSONAL, op);
            request.host().ifPresent(h -> Validation.host(h, op));
            return createReconciled(request.name(), pid -> ServiceStageApi.createPersonal(pid, request.repoType(),
                    request.name(), request.token(), request.host().orElse(null), mapping));
        });
    }

    @Override
    public CompletableFuture<Registration> createPasswordAsync(String name, RepoType repoType, String user, Token password) {
        String op = "create password authorization";
        return Futures.attempt(() -> {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.PASSWORD, op);
            Validation.notBlank(user, "user name", op);
            if (password == null) {
                throw ValidationException.badInput(PROVIDER, op, "The password is missing");
            }
            return createReconciled(name, pid -> ServiceStageApi.createPassword(pid, repoType, name, user,
                    password, mapping));
        });
    }

    private CompletableFuture<Registration> createReconciled(String name,
            java.util.function.Function<String, ApiRequest<GitAuthorization>> create) {
        return projectIdAsync().thenCompose(pid -> reconciling.create(pid, name, create));
    }

    @Override
    public CompletableFuture<URI> oauthRedirectUrlAsync(RepoType repoType, String tag) {
        String op = "get OAuth redirect URL";
        return Futures.attempt(() -> {
            Validation.repoType(repoType, RepoType.OAUTH, op);
            return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.redirect(pid, repoType, tag)));
        });
    }

    @Override
    public CompletableFuture<GitAuthorization> completeOAuthAsync(RepoType repoType, String name, String code,
            String state, String tag) {
        String op = "complete OAuth authorization";
        return Futures.attempt(() -> {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.OAUTH, op);
            Validation.notBlank(code, "OAuth code", op);
            Validation.notBlank(state, "OAuth state", op);
            return projectIdAsync().thenCompose(pid -> pipeline.send(
                    ServiceStageApi.createOAuth(pid, repoType, name, code, state, tag, mapping)));
        });
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "delete repository authorization");
            return projectIdAsync().thenCompose(pid -> reconciling.delete(pid, name));
        });
    }

    @Override
    public CompletableFuture<List<String>> verifyAsync(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "verify repository authorization");
            return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.namespaces(pid, name)));
        });
    }

    @Override
    public TokenHolder holder(String currentName) {
        return new ServiceStageTokenHolder(this, currentName);
    }

    @Override
    public CompletableFuture<ReplaceReport> replaceAsync(String oldName, PersonalAuthorization replacement) {
        String op = "replace repository authorization";
        return Futures.attempt(() -> {
            Validation.name(oldName, op);
            Validation.name(replacement.name(), op);
            Validation.repoType(replacement.repoType(), RepoType.PERSONAL, op);
            replacement.host().ifPresent(h -> Validation.host(h, op));
            if (oldName.equals(replacement.name())) {
                throw ValidationException.badInput(PROVIDER, op, "The replacement needs a new name: ServiceStage has no"
                        + " update, so the new token is registered beside the old one before the old one is deleted");
            }
            return new Replacement(this, oldName, replacement).run();
        });
    }
}
