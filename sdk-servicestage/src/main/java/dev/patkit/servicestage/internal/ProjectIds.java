package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ServiceStage project id of a client whose base URI names none: asked of IAM once
 * ({@code GET /v3/projects?name={region}}), shared by concurrent callers, asked again after a failure.
 * Thread-safe.
 */
final class ProjectIds {

    private static final String PROVIDER = DefaultServiceStageClient.PROVIDER;

    private final String region;
    private final HttpPipeline iam;
    private final AtomicReference<CompletableFuture<String>> project = new AtomicReference<>();
    private volatile String resolved;

    /**
     * @param known the project id the base URI names, or null
     * @param region the region, or null when unknown
     * @param iam the IAM pipeline, or null when there is none
     */
    ProjectIds(String known, String region, HttpPipeline iam) {
        this.resolved = known;
        this.region = region;
        this.iam = iam;
    }

    /** @return the project id if it is known already, else null */
    String known() {
        return resolved;
    }

    /** @return the project id: known, being resolved, or resolved now */
    CompletableFuture<String> get() {
        String known = resolved;
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
        resolve().whenComplete((id, e) -> {
            if (e != null) {
                project.set(null); // try again next time
                mine.completeExceptionally(Futures.unwrap(e));
            } else {
                resolved = id;
                mine.complete(id);
            }
        });
        return mine;
    }

    private CompletableFuture<String> resolve() {
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
}
