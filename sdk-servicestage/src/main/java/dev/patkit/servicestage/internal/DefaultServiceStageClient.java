package dev.patkit.servicestage.internal;

import dev.patkit.core.spi.Futures;
import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Capability;
import dev.patkit.core.Credential;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.UnsupportedCapabilityException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.OutgoingRequest;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.spi.ProviderContext;
import dev.patkit.core.spi.RequestAuthenticator;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
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
    private final AtomicReference<CompletableFuture<String>> project = new AtomicReference<>();
    private volatile String resolvedProject;

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
        this.resolvedProject = endpoint.projectId();
        ServiceStageErrors errors = new ServiceStageErrors();
        URI iamEndpoint;
        RequestAuthenticator auth;
        RequestAuthenticator iamAuth;
        if (this.credential instanceof IamToken token) {
            this.region = token.region().orElse(endpoint.region());
            iamEndpoint = token.iamEndpoint().orElse(region == null ? null : Endpoint.iamForRegion(region));
            auth = Authenticators.token(token);
            iamAuth = auth;
            this.login = null;
        } else if (this.credential instanceof IamPassword password) {
            this.region = password.region();
            iamEndpoint = password.iamEndpoint().orElse(Endpoint.iamForRegion(region));
            // The login pipeline applies core's transport rule to the password POST like to every request.
            HttpPipeline loginPipeline = ctx.pipeline(new PipelineSpec(PROVIDER, iamEndpoint, redactingOnly(password),
                    errors, Map.of()));
            this.login = new IamLogin(loginPipeline, password, ctx.clock());
            auth = Authenticators.password(login);
            iamAuth = auth;
        } else if (this.credential instanceof AccessKey key) {
            this.region = key.region().orElse(endpoint.region());
            iamEndpoint = key.iamEndpoint().orElse(region == null ? null : Endpoint.iamForRegion(region));
            Supplier<String> projectHeader = () -> resolvedProject;
            auth = Authenticators.akSk(key, ctx.clock(), projectHeader);
            iamAuth = Authenticators.akSk(key, ctx.clock(), () -> null);
            this.login = null;
        } else {
            throw new IllegalArgumentException("ServiceStage accepts an IamToken, IamPassword or AccessKey credential"
                    + " (or a Token taken as an IAM token), not a " + (credential == null ? "null" : credential.getClass().getSimpleName()));
        }
        // ServiceStage marks Content-Type mandatory on every git-auth call, GET and DELETE included (B.2).
        this.pipeline = ctx.pipeline(new PipelineSpec(PROVIDER, endpoint.apiBase(), auth, errors,
                Map.of("Content-Type", ServiceStageApi.CONTENT_TYPE)));
        this.iam = iamEndpoint == null ? null : ctx.pipeline(new PipelineSpec(PROVIDER, iamEndpoint, iamAuth, errors, Map.of()));
        this.mapping = new ServiceStageApi.Mapping(baseUri, ctx.clock(), ctx::objectMapper);
    }

    private static RequestAuthenticator redactingOnly(IamPassword password) {
        return new RequestAuthenticator() {
            @Override
            public void authenticate(OutgoingRequest request) {
                // The login call carries the password in its body; nothing to add.
            }

            @Override
            public String redact(String text) {
                return text == null ? null : text.replace(password.revealPassword(), "***");
            }
        };
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
            if (resolvedProject != null) {
                raw.put("project_id", resolvedProject);
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
                        + "' in project " + resolvedProject, ErrorContext.of(PROVIDER, "get repository authorization"))));
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
        String known = resolvedProject;
        if (known != null) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<String> existing = project.get();
        if (existing != null) {
            return existing;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        if (!project.compareAndSet(null, mine)) {
            return project.get();
        }
        resolveProject().whenComplete((id, e) -> {
            if (e != null) {
                project.set(null); // try again next time
                mine.completeExceptionally(Futures.unwrap(e));
            } else {
                resolvedProject = id;
                mine.complete(id);
            }
        });
        return mine;
    }

    private CompletableFuture<String> resolveProject() {
        String op = "resolve the project id";
        if (region == null || iam == null) {
            return CompletableFuture.failedFuture(ValidationException.badInput(PROVIDER, op,
                    "Cannot resolve the ServiceStage project id: the base URI names no project and no region is known."
                            + " Put the project id in the base URI (https://servicestage.{region}.myhuaweicloud.com/v1/{project_id}),"
                            + " or name the region (and IAM endpoint) on the credential."));
        }
        String name = region;
        return iam.send(ApiRequest.get("/v3/projects").query("name", name).operation(op).expect(r -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode p : r.json().path("projects")) {
                if (name.equals(p.path("name").asText(name)) && p.path("id").isTextual()) {
                    ids.add(p.path("id").asText());
                }
            }
            if (ids.isEmpty()) {
                throw new ValidationException(PROVIDER + ": IAM knows no project named '" + name + "' for these"
                        + " credentials. Check the region, or put the project id in the base URI (…/v1/{project_id}).",
                        r.context(), List.of());
            }
            if (ids.size() > 1) {
                throw new ValidationException(PROVIDER + ": IAM knows " + ids.size() + " projects named '" + name
                        + "' " + ids + " (sub-projects). Put the one to use in the base URI (…/v1/{project_id}).",
                        r.context(), List.of());
            }
            if (!Endpoint.isProjectId(ids.get(0))) {
                throw new ValidationException(PROVIDER + ": IAM returned a project id that is not a plain identifier",
                        r.context(), List.of());
            }
            return ids.get(0);
        }));
    }

    // ---- authorizations -------------------------------------------------------------------

    @Override
    public CompletableFuture<List<GitAuthorization>> listAuthorizationsAsync() {
        return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.list(pid, mapping)));
    }

    @Override
    public CompletableFuture<Optional<GitAuthorization>> findAsync(String name) {
        try {
            Validation.name(name, "find repository authorization");
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return listAuthorizationsAsync().thenApply(all -> all.stream().filter(a -> a.name().equals(name)).findFirst());
    }

    @Override
    public CompletableFuture<Registration> createPersonalAsync(PersonalAuthorization request) {
        String op = "create personal authorization";
        try {
            Validation.name(request.name(), op);
            Validation.repoType(request.repoType(), RepoType.PERSONAL, op);
            request.host().ifPresent(h -> Validation.host(h, op));
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return createReconciled(request.name(), pid -> ServiceStageApi.createPersonal(pid, request.repoType(),
                request.name(), request.token(), request.host().orElse(null), mapping));
    }

    @Override
    public CompletableFuture<Registration> createPasswordAsync(String name, RepoType repoType, String user, Token password) {
        String op = "create password authorization";
        try {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.PASSWORD, op);
            Validation.notBlank(user, "user name", op);
            if (password == null) {
                throw ValidationException.badInput(PROVIDER, op, "The password is missing");
            }
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return createReconciled(name, pid -> ServiceStageApi.createPassword(pid, repoType, name, user,
                password, mapping));
    }

    /**
     * Sends a create; when its outcome is unknown, lists: the name present means it took effect
     * (reconciled), absent means it did not, so it is sent once more.
     */
    private CompletableFuture<Registration> createReconciled(String name,
            java.util.function.Function<String, ApiRequest<GitAuthorization>> create) {
        // One deadline for the create, the reconciling list and a second create together.
        long deadline = pipeline.newDeadline();
        return projectIdAsync().thenCompose(pid -> pipeline.send(create.apply(pid).withDeadline(deadline))
                .thenApply(a -> new Registration(a, Registration.Outcome.CREATED))
                .exceptionallyCompose(error -> {
                    RuntimeException e = Futures.unwrap(error);
                    if (!(e instanceof AmbiguousOutcomeException)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    LOG.debug("servicestage: the outcome of creating '{}' is unknown; listing to reconcile", name);
                    return pipeline.send(ServiceStageApi.list(pid, mapping).withDeadline(deadline)).handle((all, listError) -> {
                        if (listError != null) {
                            e.addSuppressed(Futures.unwrap(listError));
                            return CompletableFuture.<Registration>failedFuture(e);
                        }
                        Optional<GitAuthorization> found = all.stream().filter(a -> a.name().equals(name)).findFirst();
                        if (found.isPresent()) {
                            LOG.debug("servicestage: '{}' is present; the create took effect", name);
                            return CompletableFuture.completedFuture(
                                    new Registration(found.get(), Registration.Outcome.RECONCILED));
                        }
                        LOG.debug("servicestage: '{}' is absent; sending the create once more", name);
                        return pipeline.send(create.apply(pid).withDeadline(deadline))
                                .thenApply(a -> new Registration(a, Registration.Outcome.CREATED_ON_RETRY));
                    }).thenCompose(f -> f);
                }));
    }

    @Override
    public CompletableFuture<URI> oauthRedirectUrlAsync(RepoType repoType, String tag) {
        String op = "get OAuth redirect URL";
        try {
            Validation.repoType(repoType, RepoType.OAUTH, op);
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.redirect(pid, repoType, tag)));
    }

    @Override
    public CompletableFuture<GitAuthorization> completeOAuthAsync(RepoType repoType, String name, String code,
            String state, String tag) {
        String op = "complete OAuth authorization";
        try {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.OAUTH, op);
            Validation.notBlank(code, "OAuth code", op);
            Validation.notBlank(state, "OAuth state", op);
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return projectIdAsync().thenCompose(pid -> pipeline.send(
                ServiceStageApi.createOAuth(pid, repoType, name, code, state, tag, mapping)));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String name) {
        try {
            Validation.name(name, "delete repository authorization");
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return projectIdAsync().thenCompose(pid -> {
            long deadline = pipeline.newDeadline();
            return pipeline.send(ServiceStageApi.delete(pid, name).withDeadline(deadline)).exceptionallyCompose(error -> {
                RuntimeException e = Futures.unwrap(error);
                // Delete documents 204 and 500 only (B.2): a 500, or an answer that never came, may follow
                // a delete that took effect, so the list decides; the name still there means it failed.
                boolean unknown = e instanceof AmbiguousOutcomeException
                        || (e instanceof PatkitException pe && pe.httpStatus() == 500);
                if (!unknown) {
                    return CompletableFuture.failedFuture(e);
                }
                LOG.debug("servicestage: deleting '{}' answered 500; listing to see whether it is gone", name);
                return pipeline.send(ServiceStageApi.list(pid, mapping).withDeadline(deadline)).handle((all, listError) -> {
                    if (listError != null) {
                        e.addSuppressed(Futures.unwrap(listError));
                        throw new CompletionException(e);
                    }
                    if (all.stream().anyMatch(a -> a.name().equals(name))) {
                        throw new CompletionException(e);
                    }
                    LOG.debug("servicestage: '{}' is not listed; the delete took effect", name);
                    return null;
                });
            });
        });
    }

    @Override
    public CompletableFuture<List<String>> verifyAsync(String name) {
        try {
            Validation.name(name, "verify repository authorization");
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return projectIdAsync().thenCompose(pid -> pipeline.send(ServiceStageApi.namespaces(pid, name)));
    }

    @Override
    public CompletableFuture<ReplaceReport> replaceAsync(String oldName, PersonalAuthorization replacement) {
        String op = "replace repository authorization";
        try {
            Validation.name(oldName, op);
            Validation.name(replacement.name(), op);
            Validation.repoType(replacement.repoType(), RepoType.PERSONAL, op);
            replacement.host().ifPresent(h -> Validation.host(h, op));
            if (oldName.equals(replacement.name())) {
                throw ValidationException.badInput(PROVIDER, op, "The replacement needs a new name: ServiceStage has no"
                        + " update, so the new token is registered beside the old one before the old one is deleted");
            }
        } catch (ValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return new Replacement(oldName, replacement).run();
    }

    /** The replace flow: create new, verify new, delete old; every step recorded. */
    private final class Replacement {
        private final String oldName;
        private final PersonalAuthorization replacement;
        private final List<ReplaceReport.Step> steps = new ArrayList<>();

        Replacement(String oldName, PersonalAuthorization replacement) {
            this.oldName = oldName;
            this.replacement = replacement;
        }

        CompletableFuture<ReplaceReport> run() {
            String newName = replacement.name();
            return outcome(createPersonalAsync(replacement)).thenCompose(created -> {
                if (created.error != null) {
                    step(ReplaceReport.Action.CREATE_NEW, ReplaceReport.Status.FAILED,
                            "Registering '" + newName + "' failed: " + created.error.getMessage());
                    step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.SKIPPED, "Not verified: nothing was registered.");
                    step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.SKIPPED, "'" + oldName + "' was kept.");
                    return done(created.error);
                }
                step(ReplaceReport.Action.CREATE_NEW, ReplaceReport.Status.DONE, "Registered '" + newName + "' ("
                        + created.value.outcome().name().toLowerCase(Locale.ROOT) + ").");
                return outcome(verifyAsync(newName)).thenCompose(verified -> {
                    if (verified.error != null) {
                        step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.FAILED,
                                "'" + newName + "' did not work: " + verified.error.getMessage());
                        return outcome(deleteAsync(newName)).thenCompose(rolledBack -> {
                            step(ReplaceReport.Action.ROLL_BACK_NEW,
                                    rolledBack.error == null ? ReplaceReport.Status.DONE : ReplaceReport.Status.FAILED,
                                    rolledBack.error == null ? "Deleted the unusable '" + newName + "'."
                                            : "Could not delete the unusable '" + newName + "': " + rolledBack.error.getMessage());
                            step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.SKIPPED, "'" + oldName + "' was kept.");
                            return done(verified.error);
                        });
                    }
                    step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.DONE, "'" + newName + "' sees "
                            + verified.value.size() + " namespace(s).");
                    return outcome(deleteAsync(oldName)).thenCompose(deleted -> {
                        if (deleted.error != null) {
                            step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.FAILED, "Deleting '" + oldName
                                    + "' failed (both authorizations exist; '" + newName + "' works): "
                                    + deleted.error.getMessage());
                            return done(deleted.error);
                        }
                        step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.DONE, "Deleted '" + oldName + "'.");
                        return done(null);
                    });
                });
            });
        }

        private void step(ReplaceReport.Action action, ReplaceReport.Status status, String detail) {
            LOG.debug("servicestage: replace '{}' -> '{}': {} {}", oldName, replacement.name(), action, status);
            steps.add(new ReplaceReport.Step(action, status, detail));
        }

        private CompletableFuture<ReplaceReport> done(PatkitException failure) {
            return CompletableFuture.completedFuture(
                    new ReplaceReport(oldName, replacement.name(), steps, Optional.ofNullable(failure)));
        }
    }

    /** A step's value or failure. */
    private record Outcome<T>(T value, PatkitException error) {}

    private static <T> CompletableFuture<Outcome<T>> outcome(CompletableFuture<T> f) {
        return f.handle((v, e) -> {
            if (e == null) {
                return new Outcome<>(v, null);
            }
            RuntimeException r = Futures.unwrap(e);
            if (r instanceof PatkitException p) {
                return new Outcome<>(null, p);
            }
            throw r;
        });
    }
}
