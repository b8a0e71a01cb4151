package dev.patkit.github.internal;

import static dev.patkit.github.internal.GitHubChecks.id;
import static dev.patkit.github.internal.GitHubChecks.ids;
import static dev.patkit.github.internal.GitHubChecks.orgPath;

import dev.patkit.core.Authorization;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.github.FineGrainedTokenGrant;
import dev.patkit.github.FineGrainedTokenRequest;
import dev.patkit.github.GitHubRateLimits;
import dev.patkit.github.GitHubRepository;
import dev.patkit.github.GrantQuery;
import dev.patkit.github.ReviewDecision;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every GitHub request Patkit sends, described once: method, path, query, body, idempotency and
 * the mapper of its answer ({@link GitHubJson}). Input is checked here ({@link GitHubChecks}), so a
 * bad call fails before anything is sent.
 */
final class GitHubEndpoints {

    private GitHubEndpoints() {}

    /** {@code GET /user}: the token's owner, with its scopes and expiry in the headers. */
    static ApiRequest<Authorization> inspect(URI baseUri, Token token) {
        return ApiRequest.get("/user").operation("inspect token")
                .expect(r -> GitHubJson.inspection(r, baseUri, token))
                .whenRejected(r -> GitHubJson.invalid(baseUri, token)); // a rejected token is INVALID, not an error
    }

    /** {@code GET /rate_limit}, which does not count against the limit. */
    static ApiRequest<GitHubRateLimits> rateLimits() {
        return ApiRequest.get("/rate_limit").operation("read rate limits").expect(GitHubJson::rateLimits);
    }

    /** {@code DELETE /installation/token}: an installation token revokes itself; a retry that finds it dead (401) is done. */
    static ApiRequest<Void> revokeInstallationToken() {
        return ApiRequest.delete("/installation/token").operation("revoke installation token")
                .doneOnRetry(401).expect(r -> null);
    }

    /**
     * {@code GET /meta} of a GitHub Enterprise Server: its version from the
     * {@code X-GitHub-Enterprise-Version} header or the {@code installed_version} field.
     */
    static ApiRequest<Optional<HostVersions.Version>> serverVersion() {
        return ApiRequest.get("/meta").operation("read the server version").expect(r -> r.headers()
                .first("X-GitHub-Enterprise-Version").flatMap(HostVersions.Version::parse)
                .or(() -> HostVersions.Version.parse(r.json().path("installed_version").asText(null))));
    }

    /**
     * {@code POST /credentials/revoke} of one batch: sent without authentication (GitHub: "Any
     * authenticated requests will return a 403"); the tokens go in as {@link Token} values, which
     * the pipeline writes on the wire only and declares carried.
     */
    static ApiRequest<Integer> revokeCredentials(int index, int count, List<Token> batch) {
        return ApiRequest.post("/credentials/revoke")
                .operation("revoke credentials (batch " + index + " of " + count + ")")
                .authenticated(false)
                .idempotent(true) // documented idempotent: revoking twice changes nothing
                .json(Map.of("credentials", batch))
                .expect(ApiResponse::status);
    }

    static ApiRequest<List<FineGrainedTokenGrant>> grants(String org, GrantQuery query) {
        String op = "list fine-grained token grants";
        return filtered(ApiRequest.get(orgPath(org, op) + "/personal-access-tokens"), query).operation(op)
                .expect(GitHubJson::grants);
    }

    static ApiRequest<List<FineGrainedTokenRequest>> requests(String org, GrantQuery query) {
        String op = "list fine-grained token requests";
        return filtered(ApiRequest.get(orgPath(org, op) + "/personal-access-token-requests"), query).operation(op)
                .expect(GitHubJson::requests);
    }

    static ApiRequest<List<GitHubRepository>> grantRepositories(String org, long grantId) {
        String op = "list a fine-grained token grant's repositories";
        return ApiRequest.get(orgPath(org, op) + "/personal-access-tokens/" + id(grantId, op) + "/repositories")
                .query("per_page", 100).operation(op).expect(GitHubJson::repositories);
    }

    static ApiRequest<List<GitHubRepository>> requestRepositories(String org, long requestId) {
        String op = "list a fine-grained token request's repositories";
        return ApiRequest.get(orgPath(org, op) + "/personal-access-token-requests/" + id(requestId, op) + "/repositories")
                .query("per_page", 100).operation(op).expect(GitHubJson::repositories);
    }

    static ApiRequest<Void> revokeGrant(String org, long grantId) {
        String op = "revoke a fine-grained token grant";
        return ApiRequest.post(orgPath(org, op) + "/personal-access-tokens/" + id(grantId, op))
                .operation(op).json(Map.of("action", "revoke")).expect(r -> null);
    }

    static ApiRequest<Void> revokeGrants(String org, Collection<Long> grantIds) {
        String op = "revoke fine-grained token grants";
        return ApiRequest.post(orgPath(org, op) + "/personal-access-tokens").operation(op)
                .json(Map.of("action", "revoke", "pat_ids", ids(grantIds, op))).expect(r -> null);
    }

    static ApiRequest<Void> reviewRequest(String org, long requestId, ReviewDecision decision, Optional<String> reason) {
        String op = "review a fine-grained token request";
        return ApiRequest.post(orgPath(org, op) + "/personal-access-token-requests/" + id(requestId, op))
                .operation(op).json(review(Optional.empty(), decision, reason, op)).expect(r -> null);
    }

    static ApiRequest<Void> reviewRequests(String org, Collection<Long> requestIds, ReviewDecision decision,
            Optional<String> reason) {
        String op = "review fine-grained token requests";
        return ApiRequest.post(orgPath(org, op) + "/personal-access-token-requests").operation(op)
                .json(review(Optional.of(ids(requestIds, op)), decision, reason, op)).expect(r -> null);
    }

    private static Map<String, Object> review(Optional<List<Long>> ids, ReviewDecision decision, Optional<String> reason,
            String op) {
        GitHubChecks.review(decision, reason, op);
        Map<String, Object> body = new LinkedHashMap<>();
        ids.ifPresent(list -> body.put("pat_request_ids", list));
        body.put("action", decision.wireValue());
        reason.ifPresent(r -> body.put("reason", r));
        return body;
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
}
