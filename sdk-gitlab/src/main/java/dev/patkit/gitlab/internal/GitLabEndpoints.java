package dev.patkit.gitlab.internal;

import static dev.patkit.core.spi.ApiRequest.segment;

import dev.patkit.core.Authorization;
import dev.patkit.core.Capability;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.Owner;
import dev.patkit.core.TokenQuery;
import dev.patkit.core.TokenSpec;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.gitlab.GitLabAccessLevel;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabServiceAccount;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitLab's REST API v4 for tokens: every path, query parameter and request body this module
 * sends, one description per endpoint, and where each family of tokens lives ({@link Family}).
 * Responses are read by {@link GitLabJson}; errors by {@link GitLabErrors}.
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
    /** {@code /service_accounts}: the instance's service accounts (administrators; Self-Managed, Dedicated). */
    static final String SERVICE_ACCOUNTS = "/service_accounts";
    /** The id GitLab reads as "the token this request authenticates with". */
    static final String SELF = "self";

    /** @return {@code /personal_access_tokens/:id}, where id may be {@code self} */
    static String pat(String id) {
        return one(PATS, id);
    }

    /** @return {@code /users/:user_id/personal_access_tokens} (administrators create for a user) */
    static String userPats(String userId) {
        return "/users/" + segment(userId) + "/personal_access_tokens";
    }

    /** @return {@code /groups/:id/service_accounts} */
    static String groupServiceAccounts(String groupId) {
        return "/groups/" + segment(groupId) + SERVICE_ACCOUNTS;
    }

    /** @return {@code <tokens>/:token_id}, where the id may be {@code self} */
    static String one(String collection, String tokenId) {
        return collection + "/" + segment(tokenId);
    }

    // ---- families ----------------------------------------------------------------------------

    /** Which list filters GitLab takes for a family. */
    enum Filters {
        /** The personal-token filters ({@code state}, {@code revoked}, {@code created_*}, …, {@code sort}). */
        TOKENS,
        /** The personal-token filters and {@code user_id} from {@link TokenQuery#ownerId()}. */
        TOKENS_AND_OWNER,
        /** {@code state} only: {@code all}, {@code active} or {@code inactive}. */
        STATE
    }

    /** Where GitLab accepts {@code self} as a token id. */
    enum Self {
        /** Nowhere. */
        NONE,
        /**
         * On rotate only; a read of {@code self} goes to {@code GET /personal_access_tokens/self}, which
         * project and group (bot) tokens pass.
         */
        READ_AND_ROTATE,
        /** On get, rotate and revoke. */
        EVERYWHERE
    }

    /**
     * Where one family of tokens lives and what GitLab has for it (github-gitlab.md, GitLab §3).
     *
     * @param noun one token, for operation names, for example {@code project access token}
     * @param description the family, for {@code describe()}
     * @param kind how its records are read
     * @param capabilities the operations GitLab has for it
     * @param list the path of the list
     * @param filters the list filters GitLab takes
     * @param listOwner a {@code user_id} every list sends (an instance service account's tokens)
     * @param create the path of a create
     * @param tokens the collection below which {@code /:id} lies (get, rotate, revoke)
     * @param self where {@code self} is an id
     * @param expiryRequired whether a create must carry {@code expires_at}
     * @param botScopes whether scopes are limited to GitLab's bot scope set
     * @param accessLevel the {@code access_level} a create sends, if any
     * @param rejectedProbeMeansRevoked whether a 401 on the read of a token by id means the token itself is
     *     dead (the read authenticates with it); always so for {@code self}
     */
    record Family(String noun, String description, GitLabJson.Kind kind, Set<Capability> capabilities,
            String list, Filters filters, Optional<String> listOwner, String create, String tokens, Self self,
            boolean expiryRequired, boolean botScopes, Optional<GitLabAccessLevel> accessLevel,
            boolean rejectedProbeMeansRevoked) {

        private static final Set<Capability> ALL = EnumSet.of(Capability.LIST, Capability.GET, Capability.CREATE,
                Capability.ROTATE, Capability.REVOKE);

        /** {@code /personal_access_tokens}; GitLab.com has no create endpoint (Self-Managed and Dedicated only). */
        static Family personal(boolean gitLabCom) {
            Set<Capability> can = EnumSet.copyOf(ALL);
            if (gitLabCom) {
                can.remove(Capability.CREATE);
            }
            return new Family("personal access token", "personal access tokens", GitLabJson.Kind.PERSONAL, can, PATS,
                    Filters.TOKENS_AND_OWNER, Optional.empty(), SELF_CREATE, PATS, Self.EVERYWHERE, false, false,
                    Optional.empty(), true);
        }

        /** {@code /projects/:id/access_tokens} or {@code /groups/:id/access_tokens}; {@code self} on rotate only. */
        static Family resource(GitLabJson.Kind kind, String id, Optional<GitLabAccessLevel> accessLevel) {
            String tokens = "/" + kind.tokenKind() + "s/" + segment(id) + "/access_tokens";
            return new Family(kind.tokenKind() + " access token", kind.tokenKind() + " " + id + " access tokens", kind,
                    ALL, tokens, Filters.TOKENS, Optional.empty(), tokens, tokens, Self.READ_AND_ROTATE, false, true,
                    accessLevel, false);
        }

        /** {@code /users/:user_id/impersonation_tokens}: no rotate; an expiry is required. */
        static Family impersonation(String userId) {
            String tokens = "/users/" + segment(userId) + "/impersonation_tokens";
            return new Family("impersonation token", "user " + userId + " impersonation tokens",
                    GitLabJson.Kind.IMPERSONATION, EnumSet.of(Capability.LIST, Capability.GET, Capability.CREATE,
                            Capability.REVOKE), tokens, Filters.STATE, Optional.empty(), tokens, tokens, Self.NONE,
                    true, false, Optional.empty(), false);
        }

        /** {@code /groups/:id/service_accounts/:user_id/personal_access_tokens}: no GET by id. */
        static Family groupServiceAccount(String groupId, String userId) {
            String tokens = groupServiceAccounts(groupId) + "/" + segment(userId) + "/personal_access_tokens";
            return new Family("service account token", "group " + groupId + " service account " + userId + " tokens",
                    GitLabJson.Kind.SERVICE_ACCOUNT, EnumSet.of(Capability.LIST, Capability.CREATE, Capability.ROTATE,
                            Capability.REVOKE), tokens, Filters.TOKENS, Optional.empty(), tokens, tokens, Self.NONE,
                    false, false, Optional.empty(), false);
        }

        /** An instance service account's tokens: ordinary personal access tokens of that user. */
        static Family instanceServiceAccount(String userId) {
            return new Family("service account token", "instance service account " + userId + " tokens",
                    GitLabJson.Kind.SERVICE_ACCOUNT, ALL, PATS, Filters.TOKENS, Optional.of(userId), userPats(userId),
                    PATS, Self.NONE, false, false, Optional.empty(), false);
        }

        /** @return where a token is read: below the collection, or {@code /personal_access_tokens/self} */
        String read(String id) {
            return id.equals(SELF) ? pat(SELF) : one(tokens, id);
        }
    }

    // ---- requests ----------------------------------------------------------------------------

    private final GitLabJson json;

    GitLabEndpoints(GitLabJson json) {
        this.json = json;
    }

    ApiRequest<Authorization> get(String path, GitLabJson.Kind kind, String operation) {
        return ApiRequest.get(path).operation(operation).expect(r -> json.authorization(r, kind));
    }

    /**
     * A family's list: the {@code user_id} it always sends; then GitLab's token filters:
     * {@code user_id} (where the family takes an owner), {@code state}, {@code revoked},
     * {@code created_after|before}, {@code last_used_after|before} (ISO 8601 date-times),
     * {@code expires_after|before} (dates), {@code search}, {@code sort}, {@code per_page}, then
     * {@link TokenQuery#extra()} as given; or, for impersonation tokens, {@code state} ({@code all}
     * when unset) and {@code per_page}.
     */
    ApiRequest<List<Authorization>> list(Family f, TokenQuery q) {
        ApiRequest.Builder b = ApiRequest.get(f.list()).operation("list " + f.noun() + "s");
        f.listOwner().ifPresent(owner -> b.query("user_id", owner));
        if (f.filters() == Filters.STATE) {
            return b.query("state", q.state().map(GitLabEndpoints::lower).orElse("all")).query("per_page", q.pageSize())
                    .expect(r -> json.authorizations(r, f.kind()));
        }
        if (f.filters() == Filters.TOKENS_AND_OWNER) {
            b.query("user_id", q.ownerId().orElse(null));
        }
        b.query("state", q.state().map(GitLabEndpoints::lower).orElse(null))
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
        return b.expect(r -> json.authorizations(r, f.kind()));
    }

    private static String lower(TokenQuery.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A create: JSON body {@code name}, {@code description}, {@code scopes}, {@code expires_at}
     * ({@code YYYY-MM-DD}) and, for project and group tokens given a role, {@code access_level}
     * (without it GitLab gives Maintainer, 40).
     */
    ApiRequest<CreatedToken> create(String path, TokenSpec spec, Optional<GitLabAccessLevel> accessLevel,
            GitLabJson.Kind kind, String operation) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        spec.description().ifPresent(d -> body.put("description", d));
        body.put("scopes", spec.scopes());
        spec.expiresOn().ifPresent(d -> body.put("expires_at", d.toString()));
        accessLevel.ifPresent(level -> body.put("access_level", level.value()));
        return ApiRequest.post(path).operation(operation).json(body).idempotent(false)
                .expect(r -> json.created(r, kind));
    }

    /**
     * A rotate: optional JSON body {@code expires_at}; without it GitLab picks its default: one week
     * where expiry is required (the instance default), no expiry otherwise (github-gitlab.md, GitLab
     * §5 "When omitted on rotate").
     */
    ApiRequest<CreatedToken> rotate(String tokenPath, Optional<LocalDate> expiresOn, GitLabJson.Kind kind,
            String operation) {
        ApiRequest.Builder b = ApiRequest.post(tokenPath + "/rotate").operation(operation).idempotent(false);
        expiresOn.ifPresent(d -> b.json(Map.of("expires_at", d.toString())));
        return b.expect(r -> json.created(r, kind));
    }

    /**
     * A revoke: {@code DELETE}, 204 No Content; idempotent. When a retry finds the token gone (404;
     * for {@code self} also 401, the token having revoked itself), an earlier attempt revoked it.
     */
    ApiRequest<Void> revoke(String tokenPath, String operation) {
        ApiRequest.Builder b = ApiRequest.delete(tokenPath).operation(operation);
        b = tokenPath.endsWith("/" + SELF) ? b.doneOnRetry(401, 404) : b.doneOnRetry(404);
        return b.expect(r -> null);
    }

    /** Service accounts of a group or the instance: {@code per_page}. */
    ApiRequest<List<GitLabServiceAccount>> listServiceAccounts(String path) {
        return ApiRequest.get(path).operation("list service accounts").query("per_page", 100)
                .expect(json::serviceAccounts);
    }

    /** A new service account: JSON body {@code name} and, when given, {@code username} and {@code email}. */
    ApiRequest<GitLabServiceAccount> createServiceAccount(String path, String name, Optional<String> username,
            Optional<String> email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        username.ifPresent(u -> body.put("username", u));
        email.ifPresent(e -> body.put("email", e));
        return ApiRequest.post(path).operation("create service account").json(body).idempotent(false)
                .expect(r -> json.serviceAccount(r.json(), r.context()));
    }

    /** {@code GET /user}: the token's user, for its {@code username} and {@code name}. */
    ApiRequest<Optional<Owner>> user() {
        return ApiRequest.get(USER).operation("read token owner").expect(json::user);
    }

    /** Associations: {@code min_access_level} when given, {@code per_page}. */
    ApiRequest<List<GitLabAssociation>> associations(Optional<GitLabAccessLevel> minimum) {
        return ApiRequest.get(ASSOCIATIONS).operation("list token associations")
                .query("min_access_level", minimum.map(GitLabAccessLevel::value).orElse(null))
                .query("per_page", 100)
                .expect(json::associations);
    }
}
