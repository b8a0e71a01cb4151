package dev.patkit.servicestage.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.Credential;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.rotation.TokenHolder;
import dev.patkit.core.spi.BaseProviderClient;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.TokenFamily;
import dev.patkit.servicestage.AccessKey;
import dev.patkit.servicestage.AsyncServiceStageClient;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.IamPassword;
import dev.patkit.servicestage.IamToken;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.RepoType;
import dev.patkit.servicestage.ServiceStageClient;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ServiceStage client: composition only. The operations are {@link Authorizations}' (each a
 * future); the blocking calls join the asynchronous view's futures in {@link #join}, the one place.
 * See {@link ServiceStageClient} for the contract.
 */
public final class DefaultServiceStageClient extends BaseProviderClient implements ServiceStageClient {

    /** The provider id. */
    public static final String PROVIDER = "servicestage";

    private final URI baseUri;
    private final Endpoint endpoint;
    private final String region;
    private final Credential credential;
    private final IamLogin login;
    private final Authorizations ops;
    private final StoredAuthorizations family;
    private final View async;

    /**
     * Creates a client.
     *
     * @param ctx the shared context
     * @param baseUri the ServiceStage base URI, optionally ending in {@code /v1/{project_id}}
     * @param credential an {@link IamToken}, {@link IamPassword}, {@link AccessKey} or a core
     *     {@link Token} taken as an IAM token
     */
    public DefaultServiceStageClient(ProviderContext ctx, URI baseUri, Credential credential) {
        this(ctx, baseUri, Endpoint.parse(baseUri), credential instanceof Token t ? IamToken.of(t) : credential,
                new AtomicReference<>());
    }

    private DefaultServiceStageClient(ProviderContext ctx, URI baseUri, Endpoint endpoint, Credential credential,
            AtomicReference<ProjectIds> ids) {
        this(ctx, baseUri, endpoint, credential, ids, CredentialSetup.of(ctx, credential, endpoint, ERRORS,
                // The AK/SK signer sends the project id once it is known; it is resolved through the IAM pipeline.
                () -> ids.get() == null ? null : ids.get().known()));
    }

    private DefaultServiceStageClient(ProviderContext ctx, URI baseUri, Endpoint endpoint, Credential credential,
            AtomicReference<ProjectIds> ids, CredentialSetup setup) {
        // ServiceStage marks Content-Type mandatory on every git-auth call, GET and DELETE included (B.2).
        super(PROVIDER, ctx.pipeline(new PipelineSpec(PROVIDER, endpoint.apiBase(), setup.auth(), ERRORS,
                Map.of("Content-Type", ServiceStageEndpoints.CONTENT_TYPE))), EnumSet.of(Capability.INSPECT,
                Capability.AUTHENTICATE_REQUESTS));
        this.baseUri = baseUri;
        this.endpoint = endpoint;
        this.credential = credential;
        this.region = setup.region();
        this.login = setup.login();
        HttpPipeline iam = setup.iamEndpoint() == null ? null
                : ctx.pipeline(new PipelineSpec(PROVIDER, setup.iamEndpoint(), setup.iamAuth(), ERRORS, Map.of()));
        ProjectIds projectIds = new ProjectIds(endpoint.projectId(), region, iam);
        ids.set(projectIds);
        this.ops = new Authorizations(pipeline(), projectIds, new ServiceStageJson(baseUri, ctx::objectMapper));
        this.family = new StoredAuthorizations(ops, pipeline());
        this.async = new View(this);
    }

    private static final ServiceStageErrors ERRORS = new ServiceStageErrors();

    @Override
    public URI baseUri() {
        return baseUri;
    }

    @Override
    protected TokenFamily tokenFamily() {
        return family;
    }

    /**
     * Checks the ServiceStage credential by listing the authorizations: ACTIVE when it works,
     * INVALID when Huawei Cloud rejects it (no exception); other failures propagate.
     */
    @Override
    protected CompletableFuture<Authorization> inspection() {
        return ops.list().handle((list, error) -> {
            Authorization.Builder b = Authorization.builder(PROVIDER, baseUri)
                    .tokenName(credentialName())
                    .tokenKind(credentialKind())
                    .scopes(Scopes.unknown(), ValueSource.SERVER);
            Map<String, Object> raw = new LinkedHashMap<>();
            if (region != null) {
                raw.put("region", region);
            }
            if (ops.projectIds().known() != null) {
                raw.put("project_id", ops.projectIds().known());
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

    @Override
    protected UnsupportedCapabilityException unsupported(Capability capability) {
        return StoredAuthorizations.unsupportedAt(capability);
    }

    @Override
    public String toString() {
        return "ServiceStageClient[" + endpoint.apiBase() + ", " + credential + "]";
    }

    // ---- the blocking calls: each joins the asynchronous view's future -------------------

    private static <T> T join(CompletableFuture<T> future) {
        return Futures.join(future);
    }

    @Override
    public AsyncServiceStageClient async() {
        return async;
    }

    @Override
    public String projectId() {
        return join(async.projectId());
    }

    @Override
    public List<GitAuthorization> listAuthorizations() {
        return join(async.listAuthorizations());
    }

    @Override
    public Optional<GitAuthorization> find(String name) {
        return join(async.find(name));
    }

    @Override
    public Registration createPersonal(PersonalAuthorization request) {
        return join(async.createPersonal(request));
    }

    @Override
    public Registration createPassword(String name, RepoType repoType, String user, Token password) {
        return join(async.createPassword(name, repoType, user, password));
    }

    @Override
    public URI oauthRedirectUrl(RepoType repoType) {
        return join(async.oauthRedirectUrl(repoType));
    }

    @Override
    public URI oauthRedirectUrl(RepoType repoType, String tag) {
        return join(async.oauthRedirectUrl(repoType, tag));
    }

    @Override
    public GitAuthorization completeOAuth(RepoType repoType, String name, String code, String state) {
        return join(async.completeOAuth(repoType, name, code, state));
    }

    @Override
    public GitAuthorization completeOAuth(RepoType repoType, String name, String code, String state, String tag) {
        return join(async.completeOAuth(repoType, name, code, state, tag));
    }

    @Override
    public void delete(String name) {
        join(async.delete(name));
    }

    @Override
    public List<String> verify(String name) {
        return join(async.verify(name));
    }

    @Override
    public ReplaceReport replace(String oldName, PersonalAuthorization replacement) {
        return join(async.replace(oldName, replacement));
    }

    @Override
    public TokenHolder holder(String currentName) {
        return ServiceStageTokenHolder.keepingName(this, currentName);
    }

    /** The asynchronous view: every operation of {@link Authorizations}, as it is. */
    private static final class View extends AsyncView implements AsyncServiceStageClient {

        private final DefaultServiceStageClient client;

        View(DefaultServiceStageClient client) {
            super(client);
            this.client = client;
        }

        @Override
        public ServiceStageClient sync() {
            return client;
        }

        @Override
        public CompletableFuture<String> projectId() {
            return client.ops.projectId();
        }

        @Override
        public CompletableFuture<List<GitAuthorization>> listAuthorizations() {
            return client.ops.list();
        }

        @Override
        public CompletableFuture<Optional<GitAuthorization>> find(String name) {
            return client.ops.find(name);
        }

        @Override
        public CompletableFuture<Registration> createPersonal(PersonalAuthorization request) {
            return client.ops.createPersonal(request);
        }

        @Override
        public CompletableFuture<Registration> createPassword(String name, RepoType repoType, String user, Token password) {
            return client.ops.createPassword(name, repoType, user, password);
        }

        @Override
        public CompletableFuture<URI> oauthRedirectUrl(RepoType repoType) {
            return client.ops.oauthRedirectUrl(repoType, Optional.empty());
        }

        @Override
        public CompletableFuture<URI> oauthRedirectUrl(RepoType repoType, String tag) {
            return Futures.attempt(() -> client.ops.oauthRedirectUrl(repoType, Optional.of(Objects.requireNonNull(tag, "tag"))));
        }

        @Override
        public CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state) {
            return client.ops.completeOAuth(repoType, name, code, state, Optional.empty());
        }

        @Override
        public CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state,
                String tag) {
            return Futures.attempt(() -> client.ops.completeOAuth(repoType, name, code, state,
                    Optional.of(Objects.requireNonNull(tag, "tag"))));
        }

        @Override
        public CompletableFuture<Void> delete(String name) {
            return client.ops.delete(name);
        }

        @Override
        public CompletableFuture<List<String>> verify(String name) {
            return client.ops.verify(name);
        }

        @Override
        public CompletableFuture<ReplaceReport> replace(String oldName, PersonalAuthorization replacement) {
            return Replacement.start(client, oldName, replacement);
        }
    }
}
