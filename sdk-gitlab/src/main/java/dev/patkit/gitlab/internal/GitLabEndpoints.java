package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.ApiRequest.segment;

import dev.patkit.core.Authorization;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.gitlab.GitLabAssociation;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitLab's REST API v4 for tokens: every path, query parameter and request body this module
 * sends, one description per endpoint. Responses are read by {@link TokenJson}; errors by
 * {@link GitLabErrors}.
 *
 * <p>Token creation and rotation are POSTs and are never marked idempotent, so the pipeline never
 * re-sends them once they may have reached GitLab.
 */
final class GitLabEndpoints {

    // ---- paths -------------------------------------------------------------------------------

    /** {@code /personal_access_tokens}: list (admins see all), and the base of get, rotate, revoke. */
    static final String PATS = "/personal_access_tokens";
    /** {@code /user/personal_access_tokens}: a user creates a token for themselves (limited scopes). */
    static final String SELF_CREATE = "/user/personal_access_tokens";
    /** {@code /user}: the authenticated user (scope {@code read_user}, {@code read_api} or {@code api}). */
    static final String USER = "/user";
    /** {@code /personal_access_tokens/self/associations} (17.4+). */
    static final String ASSOCIATIONS = "/personal_access_tokens/self/associations";

    /** @return {@code /personal_access_tokens/:id}, where id may be {@code self} */
    static String pat(String id) {
        return PATS + "/" + segment(id);
    }

    /** @return {@code /users/:user_id/personal_access_tokens} (administrators create for a user) */
    static String userPats(String userId) {
        return "/users/" + segment(userId) + "/personal_access_tokens";
    }

    /** @return {@code /users/:user_id/impersonation_tokens} */
    static String impersonationTokens(String userId) {
        return "/users/" + segment(userId) + "/impersonation_tokens";
    }

    /** @return {@code /projects/:id/access_tokens} or {@code /groups/:id/access_tokens}; the id may be a path */
    static String resourceTokens(String kind, String resourceId) {
        return "/" + kind + "s/" + segment(resourceId) + "/access_tokens";
    }

    /** {@code /service_accounts}: the instance's service accounts (administrators; Self-Managed, Dedicated). */
    static final String SERVICE_ACCOUNTS = "/service_accounts";

    /** @return {@code /groups/:id/service_accounts} */
    static String groupServiceAccounts(String groupId) {
        return "/groups/" + segment(groupId) + SERVICE_ACCOUNTS;
    }

    /** @return {@code /groups/:id/service_accounts/:user_id/personal_access_tokens} */
    static String serviceAccountTokens(String groupId, String userId) {
        return groupServiceAccounts(groupId) + "/" + segment(userId) + "/personal_access_tokens";
    }

    /** @return {@code <tokens>/:token_id}, where the id may be {@code self} */
    static String one(String collection, String tokenId) {
        return collection + "/" + segment(tokenId);
    }

    /** @return {@code <token>/rotate} */
    static String rotate(String token) {
        return token + "/rotate";
    }

    // ---- requests ----------------------------------------------------------------------------

    private final TokenJson json;

    GitLabEndpoints(TokenJson json) {
        this.json = json;
    }

    ApiRequest<Authorization> get(String path, TokenJson.Kind kind, String operation) {
        return ApiRequest.get(path).operation(operation).expect(r -> json.authorization(r, kind));
    }

    /**
     * A list with GitLab's token filters: {@code user_id} (when {@code withOwner}), {@code state},
     * {@code revoked}, {@code created_after|before}, {@code last_used_after|before} (ISO 8601
     * date-times), {@code expires_after|before} (dates), {@code search}, {@code sort},
     * {@code per_page}, then {@link TokenQuery#extra()} as given.
     */
    ApiRequest<List<Authorization>> list(String path, TokenQuery q, boolean withOwner, TokenJson.Kind kind,
            String operation) {
        ApiRequest.Builder b = ApiRequest.get(path).operation(operation);
        if (withOwner) {
            b.query("user_id", q.ownerId().orElse(null));
        }
        b.query("state", q.state().map(s -> s.name().toLowerCase(Locale.ROOT)).orElse(null))
                .query("revoked", q.revoked().orElse(null))
                .query("created_after", q.createdAfter().orElse(null))
                .query("created_before", q.createdBefore().orElse(null))
                .query("last_used_after", q.lastUsedAfter().orElse(null))
                .query("last_used_before", q.lastUsedBefore().orElse(null))
                .query("expires_after", q.expiresAfter().orElse(null))
                .query("expires_before", q.expiresBefore().orElse(null))
                .query("search", q.search().orElse(null))
                .query("sort", q.sort().orElse(null))
                .query("per_page", q.pageSize());
        q.extra().forEach(b::query);
        return b.expect(r -> json.authorizations(r, kind));
    }

    /** The impersonation-token list: {@code state} is {@code all}, {@code active} or {@code inactive}. */
    ApiRequest<List<Authorization>> listImpersonation(String userId, TokenQuery.State state) {
        return ApiRequest.get(impersonationTokens(userId)).operation("list impersonation tokens")
                .query("state", state == null ? "all" : state.name().toLowerCase(Locale.ROOT))
                .query("per_page", 100)
                .expect(r -> json.authorizations(r, TokenJson.Kind.IMPERSONATION));
    }

    /**
     * A create: JSON body {@code name}, {@code description}, {@code scopes}, {@code expires_at}
     * ({@code YYYY-MM-DD}) and, for project and group tokens, {@code access_level}.
     */
    ApiRequest<CreatedToken> create(String path, TokenSpec spec, Integer accessLevel, TokenJson.Kind kind,
            String operation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        spec.description().ifPresent(d -> body.put("description", d));
        body.put("scopes", spec.scopes());
        spec.expiresOn().ifPresent(d -> body.put("expires_at", d.toString()));
        if (accessLevel != null) {
            body.put("access_level", accessLevel);
        }
        return ApiRequest.post(path).operation(operation).json(body).idempotent(false)
                .expect(r -> json.created(r, kind));
    }

    /**
     * A rotate: optional JSON body {@code expires_at}; without it GitLab picks its default: one week
     * where expiry is required (the instance default), no expiry otherwise (github-gitlab.md, GitLab
     * §5 "When omitted on rotate").
     */
    ApiRequest<CreatedToken> rotate(String tokenPath, LocalDate expiresOn, TokenJson.Kind kind, String operation) {
        ApiRequest.Builder b = ApiRequest.post(rotate(tokenPath)).operation(operation).idempotent(false);
        if (expiresOn != null) {
            b.json(Map.of("expires_at", expiresOn.toString()));
        }
        return b.expect(r -> json.created(r, kind));
    }

    /**
     * A revoke: {@code DELETE}, 204 No Content; idempotent. When a retry finds the token gone (404;
     * for {@code self} also 401, the token having revoked itself), an earlier attempt revoked it.
     */
    ApiRequest<Void> revoke(String tokenPath, String operation) {
        ApiRequest.Builder b = ApiRequest.delete(tokenPath).operation(operation);
        b = tokenPath.endsWith("/self") ? b.doneOnRetry(401, 404) : b.doneOnRetry(404);
        return b.expect(r -> null);
    }

    /** Service accounts of a group or the instance: {@code per_page}. */
    ApiRequest<List<dev.patkit.gitlab.GitLabServiceAccount>> listServiceAccounts(String path) {
        return ApiRequest.get(path).operation("list service accounts").query("per_page", 100)
                .expect(json::serviceAccounts);
    }

    /** A new service account: JSON body {@code name}, {@code username}, {@code email}, each when given. */
    ApiRequest<dev.patkit.gitlab.GitLabServiceAccount> createServiceAccount(String path, String name, String username,
            String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        if (username != null) {
            body.put("username", username);
        }
        if (email != null) {
            body.put("email", email);
        }
        return ApiRequest.post(path).operation("create service account").json(body).idempotent(false)
                .expect(r -> json.serviceAccount(r.json(), r.context()));
    }

    /** {@code GET /user}: the token's user, for its {@code username} and {@code name}. */
    ApiRequest<dev.patkit.core.Owner> user() {
        return ApiRequest.get(USER).operation("read token owner")
                .expect(r -> json.user(r, dev.patkit.core.Owner.Kind.USER));
    }

    /** Associations: {@code min_access_level}, {@code per_page}. */
    ApiRequest<List<GitLabAssociation>> associations(Integer minAccessLevel) {
        return ApiRequest.get(ASSOCIATIONS).operation("list token associations")
                .query("min_access_level", minAccessLevel)
                .query("per_page", 100)
                .expect(json::associations);
    }
}
