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
    private final ServiceStageJson mapping;
    private final Reconciling reconciling;

    Authorizations(HttpPipeline pipeline, ProjectIds projectIds, ServiceStageJson mapping) {
        this.pipeline = pipeline;
        this.projectIds = projectIds;
        this.mapping = mapping;
        this.reconciling = new Reconciling(pipeline, mapping);
    }

    ProjectIds projectIds() {
        return projectIds;
    }

    ServiceStageJson mapping() {
        return mapping;
    }

    CompletableFuture<String> projectId() {
        return projectIds.get();
    }

    CompletableFuture<List<GitAuthorization>> list() {
        return projectId().thenCompose(pid -> pipeline.send(ServiceStageEndpoints.list(pid, mapping)));
    }

    CompletableFuture<Optional<GitAuthorization>> find(String name) {
        return Futures.attempt(() -> {
            ServiceStageChecks.name(name, "find repository authorization");
            return list().thenApply(all -> all.stream().filter(a -> a.name().equals(name)).findFirst());
        });
    }

    CompletableFuture<Registration> createPersonal(PersonalAuthorization request) {
        return Futures.attempt(() -> {
            check(request, "create personal authorization");
            return createReconciled(request.name(), pid -> ServiceStageEndpoints.createPersonal(pid, request, mapping));
        });
    }

    /** The checks of a personal authorization request, before any request. */
    static void check(PersonalAuthorization request, String op) {
        ServiceStageChecks.name(request.name(), op);
        ServiceStageChecks.repoType(request.repoType(), RepoType.PERSONAL, op);
        request.host().ifPresent(h -> ServiceStageChecks.host(h, op));
    }

    CompletableFuture<Registration> createPassword(String name, RepoType repoType, String user, Token password) {
        String op = "create password authorization";
        return Futures.attempt(() -> {
            ServiceStageChecks.name(name, op);
            ServiceStageChecks.repoType(repoType, RepoType.PASSWORD, op);
            ServiceStageChecks.notBlank(user, "user name", op);
            if (password == null) {
                throw ValidationException.badInput(DefaultServiceStageClient.PROVIDER, op, "The password is missing");
            }
            return createReconciled(name, pid -> ServiceStageEndpoints.createPassword(pid, repoType, name, user,
                    password, mapping));
        });
    }

    private CompletableFuture<Registration> createReconciled(String name,
            Function<String, ApiRequest<GitAuthorization>> create) {
        return projectId().thenCompose(pid -> reconciling.create(pid, name, create));
    }

    CompletableFuture<URI> oauthRedirectUrl(RepoType repoType, Optional<String> tag) {
        return Futures.attempt(() -> {
            ServiceStageChecks.repoType(repoType, RepoType.OAUTH, "get OAuth redirect URL");
            tag.ifPresent(t -> ServiceStageChecks.notBlank(t, "tag", "get OAuth redirect URL"));
            return projectId().thenCompose(pid -> pipeline.send(ServiceStageEndpoints.redirect(pid, repoType, tag)));
        });
    }

    CompletableFuture<GitAuthorization> completeOAuth(RepoType repoType, String name, String code, String state,
            Optional<String> tag) {
        String op = "complete OAuth authorization";
        return Futures.attempt(() -> {
            ServiceStageChecks.name(name, op);
            ServiceStageChecks.repoType(repoType, RepoType.OAUTH, op);
            ServiceStageChecks.notBlank(code, "OAuth code", op);
            ServiceStageChecks.notBlank(state, "OAuth state", op);
            tag.ifPresent(t -> ServiceStageChecks.notBlank(t, "tag", op));
            return projectId().thenCompose(pid -> pipeline.send(
                    ServiceStageEndpoints.createOAuth(pid, repoType, name, code, state, tag, mapping)));
        });
    }

    CompletableFuture<Void> delete(String name) {
        return Futures.attempt(() -> {
            ServiceStageChecks.name(name, "delete repository authorization");
            return projectId().thenCompose(pid -> reconciling.delete(pid, name));
        });
    }

    CompletableFuture<List<String>> verify(String name) {
        return Futures.attempt(() -> {
            ServiceStageChecks.name(name, "verify repository authorization");
            return projectId().thenCompose(pid -> pipeline.send(ServiceStageEndpoints.namespaces(pid, name)));
        });
    }
}
