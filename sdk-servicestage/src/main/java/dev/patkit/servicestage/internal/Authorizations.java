package dev.patkit.servicestage.internal;

import dev.patkit.core.Token;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.Registration;
import dev.patkit.servicestage.RepoType;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The git-authorization operations, each checking its input before any request and returning a
 * future: the one implementation behind both the blocking client and its asynchronous view.
 * Thread-safe.
 */
final class Authorizations {

    private final HttpPipeline pipeline;
    private final ProjectIds projectIds;
    private final ServiceStageApi.Mapping mapping;
    private final Reconciling reconciling;

    Authorizations(HttpPipeline pipeline, ProjectIds projectIds, ServiceStageApi.Mapping mapping) {
        this.pipeline = pipeline;
        this.projectIds = projectIds;
        this.mapping = mapping;
        this.reconciling = new Reconciling(pipeline, mapping);
    }

    ProjectIds projectIds() {
        return projectIds;
    }

    ServiceStageApi.Mapping mapping() {
        return mapping;
    }

    CompletableFuture<String> projectId() {
        return projectIds.get();
    }

    CompletableFuture<List<GitAuthorization>> list() {
        return projectId().thenCompose(pid -> pipeline.send(ServiceStageApi.list(pid, mapping)));
    }

    CompletableFuture<Optional<GitAuthorization>> find(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "find repository authorization");
            return list().thenApply(all -> all.stream().filter(a -> a.name().equals(name)).findFirst());
        });
    }

    CompletableFuture<Registration> createPersonal(PersonalAuthorization request) {
        return Futures.attempt(() -> {
            check(request, "create personal authorization");
            return createReconciled(request.name(), pid -> ServiceStageApi.createPersonal(pid, request, mapping));
        });
    }

    /** The checks of a personal authorization request, before any request. */
    static void check(PersonalAuthorization request, String op) {
        Validation.name(request.name(), op);
        Validation.repoType(request.repoType(), RepoType.PERSONAL, op);
        request.host().ifPresent(h -> Validation.host(h, op));
    }

    CompletableFuture<Registration> createPassword(String name, RepoType repoType, String user, Token password) {
        String op = "create password authorization";
        return Futures.attempt(() -> {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.PASSWORD, op);
            Validation.notBlank(user, "user name", op);
            if (password == null) {
                throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, op, "The password is missing");
            }
            return createReconciled(name, pid -> ServiceStageApi.createPassword(pid, repoType, name, user,
                    password, mapping));
        });
    }

    private CompletableFuture<Registration> createReconciled(String name,
            Function<String, ApiRequest<GitAuthorization>> create) {
        return projectId().thenCompose(pid -> reconciling.create(pid, name, create));
    }

    CompletableFuture<URI> oauthRedirectUrl(RepoType repoType, Optional<String> tag) {
        return Futures.attempt(() -> {
            Validation.repoType(repoType, RepoType.OAUTH, "get OAuth redirect URL");
            tag.ifPresent(t -> Validation.notBlank(t, "tag", "get OAuth redirect URL"));
            return projectId().thenCompose(pid -> pipeline.send(ServiceStageApi.redirect(pid, repoType, tag)));
        });
    }

    CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state,
            Optional<String> tag) {
        String op = "complete OAuth authorization";
        return Futures.attempt(() -> {
            Validation.name(name, op);
            Validation.repoType(repoType, RepoType.OAUTH, op);
            Validation.notBlank(code, "OAuth code", op);
            Validation.notBlank(state, "OAuth state", op);
            tag.ifPresent(t -> Validation.notBlank(t, "tag", op));
            return projectId().thenCompose(pid -> pipeline.send(
                    ServiceStageApi.createOAuth(pid, repoType, name, code, state, tag, mapping)));
        });
    }

    CompletableFuture<Void> delete(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "delete repository authorization");
            return projectId().thenCompose(pid -> reconciling.delete(pid, name));
        });
    }

    CompletableFuture<List<String>> verify(String name) {
        return Futures.attempt(() -> {
            Validation.name(name, "verify repository authorization");
            return projectId().thenCompose(pid -> pipeline.send(ServiceStageApi.namespaces(pid, name)));
        });
    }
}
