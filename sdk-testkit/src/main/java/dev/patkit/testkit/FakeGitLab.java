package dev.patkit.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patkit.testkit.internal.Budget;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.Json;
import dev.patkit.testkit.internal.Reply;
import dev.patkit.testkit.internal.Secrets;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stateful fake GitLab REST API v4 for access tokens, at {@code http://127.0.0.1:<port>/api/v4}.
 *
 * <p>Serves, with GitLab's paths, fields, errors and headers: {@code GET /user};
 * {@code /personal_access_tokens} (list with the filters {@code user_id}, {@code state},
 * {@code revoked}, {@code search}, {@code created_*}, {@code last_used_*}, {@code expires_*},
 * {@code sort}, and offset pagination with {@code Link}, {@code x-next-page}, {@code x-page},
 * {@code x-per-page}, {@code x-prev-page}, {@code x-total}, {@code x-total-pages}); get, rotate
 * and revoke by id and {@code self}; {@code /personal_access_tokens/self/associations} (always
 * empty); admin create {@code POST /users/:id/personal_access_tokens}; self create
 * {@code POST /user/personal_access_tokens} ({@code k8s_proxy} and {@code self_rotate} only);
 * impersonation tokens; project and group access tokens ({@code /projects/:id/access_tokens},
 * {@code /groups/:id/access_tokens}: list, get, create, rotate, revoke).
 *
 * <p>Authentication: {@code PRIVATE-TOKEN} or {@code Authorization: Bearer}. Unknown token: 401
 * {@code {"message":"401 Unauthorized"}}; expired ({@code expires_at} on or before today, UTC, by
 * the fake's clock): 401 {@code invalid_token} "Token is expired"; revoked: 401
 * {@code invalid_token} "Token was revoked"; missing scope: 403 {@code insufficient_scope} with
 * the required scopes. Rotation returns a new id and secret and revokes the old token; rotating
 * with (or rotating) an already revoked token is treated as reuse: every active token of that
 * rotation family is revoked. Every authenticated answer carries {@code RateLimit-*} headers; past
 * the budget (default 2000 a minute per user) the answer is 429 {@code Retry later}.
 *
 * <p>On the wire as GitLab: JSON answers are {@code application/json} without a charset; every
 * answer has a {@code Date}; {@code HEAD} works on every {@code GET} route; parameters come as
 * JSON, form ({@code scopes[]=api}) or query, and {@code expires_at} takes a date or a date-time
 * (keeping the calendar date); a missing PAT id answers {@code GET} with 404 to an administrator
 * and 401 to others, {@code DELETE} with 404 {@code "404 Not found"} to all; project and group
 * tokens have {@code self} on rotate only. {@link #linksFrom(URI)} builds {@code Link} on a
 * configured external URL.
 *
 * <p>Simplifications: every human user may manage the tokens of every project and group (roles
 * are not modelled); scopes required by the list and get endpoints follow the reference's best
 * guess ({@code api} or {@code read_api}). Thread-safe.
 */
public final class FakeGitLab extends FakeServer<FakeGitLab> {

    /** Project and group access levels GitLab accepts. */
    private static final Set<Integer> ACCESS_LEVELS = Set.of(10, 15, 20, 30, 40, 50);
    /** Scopes of the GitLab catalogue the fake accepts on create. */
    private static final Set<String> KNOWN_SCOPES = Set.of("api", "read_api", "read_user", "read_repository",
            "write_repository", "read_registry", "write_registry", "read_virtual_registry", "write_virtual_registry",
            "create_runner", "manage_runner", "k8s_proxy", "self_rotate", "ai_features", "sudo", "admin_mode",
            "read_service_ping");
    /** Scopes of project and group tokens ({@code Gitlab::Auth.resource_bot_scopes}). */
    private static final Set<String> BOT_SCOPES = KNOWN_SCOPES.stream()
            .filter(x -> !Set.of("read_user", "sudo", "admin_mode", "read_service_ping").contains(x))
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> SELF_CREATE_SCOPES = Set.of("k8s_proxy", "self_rotate");
    private static final int MAX_LIFETIME_DAYS = 365;
    /** A date, optionally followed by a time: what Ruby's {@code Date.parse} keeps the date of. */
    private static final Pattern DATE_PREFIX =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[T ].*)?");

    private final UserDirectory users = new UserDirectory();
    private final Map<Long, Tok> tokens = new TreeMap<>();
    private final Budget budget = new Budget(2000, Duration.ofMinutes(1));
    private long nextTokenId = 1;
    private URI externalUrl;

    /** One token record. */
    private static final class Tok {
        long id;
        String name;
        String description;
        List<String> scopes;
        String userId;
        Instant createdAt;
        Instant lastUsedAt;
        List<String> lastUsedIps = new ArrayList<>();
        LocalDate expiresAt;
        boolean revoked;
        TokenSeed.Kind kind;
        String resourceType;
        String resourceId;
        int accessLevel;
        Long previousId;
        String secret;
    }

    private FakeGitLab(FakeClock clock) {
        super("gitlab", clock);
    }

    /** @return a stopped fake with its own clock at the current instant */
    public static FakeGitLab create() {
        return new FakeGitLab(FakeClock.ofNow());
    }

    /**
     * @param clock the clock to share, not null
     * @return a stopped fake on that clock
     */
    public static FakeGitLab create(FakeClock clock) {
        return new FakeGitLab(clock);
    }

    @Override
    public URI baseUri() {
        return URI.create(rootUri() + "/api/v4");
    }

    /**
     * Builds the {@code Link} header of list answers on this URL's host and port instead of the
     * ones the client used, as GitLab builds it from its configured external URL
     * ({@code Gitlab.config.gitlab.host}/{@code port}), which behind a proxy or under an internal
     * alias differs from the address the client called. The path and query stay the request's.
     * {@code x-next-page} and the other page headers are unchanged.
     *
     * @param externalUrl the configured external URL (its host and port are used), or null to
     *     build links on the address the client called (the default)
     * @return this fake
     */
    public FakeGitLab linksFrom(URI externalUrl) {
        synchronized (lock) {
            this.externalUrl = externalUrl;
        }
        return this;
    }

    /** GitLab REST answers JSON as {@code application/json}, without a charset ({@code lib/api/api.rb}). */
    @Override
    String jsonContentType() {
        return "application/json";
    }

    // ---- seeding -----------------------------------------------------------------------------------

    /**
     * Adds a user with the next free numeric id.
     *
     * @param username the username
     * @param name the display name
     * @return the user
     */
    public FakeUser addUser(String username, String name) {
        synchronized (lock) {
            return addUser(new FakeUser(users.nextId(), username, name, FakeUser.Kind.USER,
                    username + "@example.com"));
        }
    }

    /**
     * Adds an administrator with the next free numeric id.
     *
     * @param username the username
     * @param name the display name
     * @return the user
     */
    public FakeUser addAdmin(String username, String name) {
        synchronized (lock) {
            return addUser(new FakeUser(users.nextId(), username, name, FakeUser.Kind.ADMIN,
                    username + "@example.com"));
        }
    }

    /**
     * Adds a user as given; its id must be numeric.
     *
     * @param user the user
     * @return the user
     */
    public FakeUser addUser(FakeUser user) {
        synchronized (lock) {
            return users.addNumbered(user);
        }
    }

    /**
     * Seeds a token. Personal and impersonation tokens need an owner; project and group tokens
     * get a new bot user when none is given. The secret is a {@code glpat-} token unless the seed
     * names one.
     *
     * @param seed what to seed
     * @return the token with its secret
     */
    public FakeToken addToken(TokenSeed seed) {
        synchronized (lock) {
            TokenSeed.Kind kind = seed.kind() == null ? TokenSeed.Kind.PERSONAL : seed.kind();
            FakeUser owner = seed.owner();
            String resourceType = null;
            if (kind == TokenSeed.Kind.PROJECT || kind == TokenSeed.Kind.GROUP) {
                resourceType = kind == TokenSeed.Kind.PROJECT ? "projects" : "groups";
                if (owner == null) {
                    owner = bot(resourceType, seed.resourceId());
                }
            } else if (kind != TokenSeed.Kind.PERSONAL && kind != TokenSeed.Kind.IMPERSONATION) {
                throw new IllegalArgumentException("GitLab tokens are PERSONAL, IMPERSONATION, PROJECT or GROUP, not "
                        + kind);
            }
            Objects.requireNonNull(owner, "a personal token needs an owner");
            if (!users.containsKey(owner.id())) {
                addUser(owner);
            }
            Tok t = newToken(seed.name(), seed.description(), seed.scopes(), owner.id(), seed.expiresOn(), kind,
                    resourceType, seed.resourceId(), seed.accessLevel(), seed.secret());
            return snapshot(t);
        }
    }

    /**
     * Seeds a personal token without expiry.
     *
     * @param owner the owner
     * @param name the token name
     * @param scopes the scopes
     * @return the token with its secret
     */
    public FakeToken addToken(FakeUser owner, String name, String... scopes) {
        return addToken(TokenSeed.named(name).owner(owner).scopes(scopes));
    }

    /**
     * Revokes a token, as the user would in the web UI.
     *
     * @param token the token
     */
    public void revoke(FakeToken token) {
        synchronized (lock) {
            Tok t = tokens.get(Long.parseLong(token.id()));
            if (t != null) {
                t.revoked = true;
            }
        }
    }

    /**
     * @param secret a secret
     * @return where the token with that secret stands now
     */
    public TokenStanding standing(String secret) {
        synchronized (lock) {
            Tok t = bySecret(secret);
            if (t == null) {
                return TokenStanding.UNKNOWN;
            }
            return t.revoked ? TokenStanding.REVOKED : expired(t) ? TokenStanding.EXPIRED : TokenStanding.ACTIVE;
        }
    }

    /**
     * @param secret a secret
     * @return the owner of the token with that secret
     */
    public Optional<FakeUser> ownerOf(String secret) {
        synchronized (lock) {
            Tok t = bySecret(secret);
            return t == null ? Optional.empty() : Optional.ofNullable(users.get(t.userId));
        }
    }

    /**
     * The token that replaced this one by rotation, following the family to its newest member
     * (for example to find the new secret after a rotate whose response was lost).
     *
     * @param token a token
     * @return the newest token of its family, if it was rotated
     */
    public Optional<FakeToken> successor(FakeToken token) {
        synchronized (lock) {
            long id = Long.parseLong(token.id());
            Tok found = null;
            boolean more = true;
            while (more) {
                more = false;
                for (Tok t : tokens.values()) {
                    if (t.previousId != null && t.previousId == id) {
                        found = t;
                        id = t.id;
                        more = true;
                        break;
                    }
                }
            }
            return Optional.ofNullable(found).map(this::snapshot);
        }
    }

    /**
     * Sets the authenticated-API budget per user and minute (default 2000).
     *
     * @param perMinute requests a user may make per minute
     * @return this fake
     */
    public FakeGitLab rateLimit(int perMinute) {
        synchronized (lock) {
            budget.configure(perMinute, Duration.ofMinutes(1));
        }
        return this;
    }

    @Override
    void clearState() {
        users.clear();
        tokens.clear();
        budget.clear();
        nextTokenId = 1;
    }

    // ---- requests ----------------------------------------------------------------------------------

    @Override
    Reply handle(Exchange ex) {
        List<String> s = ex.segments();
        if (s.size() < 3 || !"api".equals(s.get(0)) || !"v4".equals(s.get(1))) {
            return notFound();
        }
        List<String> p = s.subList(2, s.size());
        String m = ex.method();
        Route route = route(m, p);
        if (route == null) {
            return Reply.json(404, Json.object().put("error", "404 Not Found"));
        }
        Object auth = authenticate(ex, route.rotation);
        if (auth instanceof Reply r) {
            return r;
        }
        Tok caller = (Tok) auth;
        Budget.Snapshot limit = budget.take(caller.userId, now());
        if (!limit.allowed()) {
            Reply r = Reply.text(429, "Retry later\n")
                    .header("RateLimit-ResetTime", Reply.httpDate(limit.reset()))
                    .header("Retry-After", Math.max(1, Duration.between(now(), limit.reset()).toSeconds()));
            return rateHeaders(r, limit);
        }
        touch(caller, ex);
        return rateHeaders(route.handler.apply(ex, caller), limit);
    }

    private interface Handler {
        Reply apply(Exchange ex, Tok caller);
    }

    private record Route(Handler handler, boolean rotation) {}

    private Route route(String m, List<String> p) {
        int n = p.size();
        String a = p.get(0);
        if ("GET".equals(m) && n == 1 && "user".equals(a)) {
            return new Route(this::currentUser, false);
        }
        if ("personal_access_tokens".equals(a)) {
            if (n == 1 && "GET".equals(m)) {
                return new Route(this::listPats, false);
            }
            if (n == 3 && "GET".equals(m) && "self".equals(p.get(1)) && "associations".equals(p.get(2))) {
                return new Route((ex, c) -> Reply.json(200, Json.object().<ObjectNode>set("groups",
                        Json.MAPPER.createArrayNode()).set("projects", Json.MAPPER.createArrayNode())), false);
            }
            if (n == 2 && "GET".equals(m)) {
                String id = p.get(1);
                return new Route((ex, c) -> getPat(c, id), false);
            }
            if (n == 2 && "DELETE".equals(m)) {
                String id = p.get(1);
                return new Route((ex, c) -> revokePat(c, id), false);
            }
            if (n == 3 && "POST".equals(m) && "rotate".equals(p.get(2))) {
                String id = p.get(1);
                return new Route((ex, c) -> rotatePat(ex, c, id), true);
            }
            return null;
        }
        if (n == 3 && "users".equals(a) && "personal_access_tokens".equals(p.get(2)) && "POST".equals(m)) {
            String uid = p.get(1);
            return new Route((ex, c) -> adminCreate(ex, c, uid), false);
        }
        if ("users".equals(a) && n >= 3 && "impersonation_tokens".equals(p.get(2))) {
            String uid = p.get(1);
            if (n == 3 && "GET".equals(m)) {
                return new Route((ex, c) -> listImpersonation(ex, c, uid), false);
            }
            if (n == 3 && "POST".equals(m)) {
                return new Route((ex, c) -> createImpersonation(ex, c, uid), false);
            }
            if (n == 4 && "GET".equals(m)) {
                String tid = p.get(3);
                return new Route((ex, c) -> getImpersonation(c, uid, tid), false);
            }
            if (n == 4 && "DELETE".equals(m)) {
                String tid = p.get(3);
                return new Route((ex, c) -> revokeImpersonation(c, uid, tid), false);
            }
            return null;
        }
        if (n == 2 && "user".equals(a) && "personal_access_tokens".equals(p.get(1)) && "POST".equals(m)) {
            return new Route(this::selfCreate, false);
        }
        if (("projects".equals(a) || "groups".equals(a)) && n >= 3 && "access_tokens".equals(p.get(2))) {
            String rid = p.get(1);
            if (n == 3 && "GET".equals(m)) {
                return new Route((ex, c) -> listResource(ex, c, a, rid), false);
            }
            if (n == 3 && "POST".equals(m)) {
                return new Route((ex, c) -> createResource(ex, c, a, rid), false);
            }
            if (n == 4 && "GET".equals(m)) {
                String tid = p.get(3);
                return new Route((ex, c) -> getResource(c, a, rid, tid), false);
            }
            if (n == 4 && "DELETE".equals(m)) {
                String tid = p.get(3);
                return new Route((ex, c) -> revokeResource(c, a, rid, tid), false);
            }
            if (n == 5 && "POST".equals(m) && "rotate".equals(p.get(4))) {
                String tid = p.get(3);
                return new Route((ex, c) -> rotateResource(ex, c, a, rid, tid), true);
            }
        }
        return null;
    }

    /** @return the caller's token, or the error reply */
    private Object authenticate(Exchange ex, boolean rotation) {
        String secret = ex.header("PRIVATE-TOKEN");
        if (secret == null) {
            String authz = ex.header("Authorization");
            if (authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
                secret = authz.substring(7).trim();
            }
        }
        if (secret == null || secret.isEmpty()) {
            return unauthorized();
        }
        Tok t = bySecret(secret);
        if (t == null) {
            return unauthorized();
        }
        // GitLab's AccessTokenValidationService checks expiry before revocation.
        if (expired(t)) {
            return invalidToken("Token is expired. You can either do re-authorization or token refresh.");
        }
        if (t.revoked) {
            if (rotation) {
                revokeFamily(t);
            }
            return invalidToken("Token was revoked. You have to re-authorize from the user.");
        }
        return t;
    }

    private Reply currentUser(Exchange ex, Tok caller) {
        Reply r = requireScope(caller, "read_user", "read_api", "api");
        if (r != null) {
            return r;
        }
        FakeUser u = users.get(caller.userId);
        ObjectNode o = Json.object();
        o.put("id", Long.parseLong(u.id()));
        o.put("username", u.login());
        o.put("name", u.name());
        o.put("state", "active");
        o.put("locked", false);
        o.put("avatar_url", "https://www.gravatar.com/avatar/" + u.id() + "?s=80&d=identicon");
        o.put("web_url", ex.baseUrl() + "/" + u.login());
        o.put("email", u.email());
        o.put("is_admin", u.isAdmin());
        o.put("bot", u.kind() == FakeUser.Kind.BOT || u.kind() == FakeUser.Kind.SERVICE_ACCOUNT);
        o.put("created_at", Json.millis(caller.createdAt));
        return Reply.json(200, o);
    }

    // ---- personal access tokens --------------------------------------------------------------------

    private Reply listPats(Exchange ex, Tok caller) {
        Reply r = requireScope(caller, "api", "read_api");
        if (r != null) {
            return r;
        }
        FakeUser me = users.get(caller.userId);
        String userId = ex.queryParam("user_id");
        if (userId != null && !me.isAdmin() && !userId.equals(me.id())) {
            return unauthorized();
        }
        Predicate<Tok> base = t -> t.kind != TokenSeed.Kind.IMPERSONATION
                && (me.isAdmin() ? userId == null || t.userId.equals(userId) : t.userId.equals(me.id()));
        return list(ex, base);
    }

    private Reply getPat(Tok caller, String id) {
        Reply r = "self".equals(id) ? null : requireScope(caller, "api", "read_api");
        if (r != null) {
            return r;
        }
        Object found = findPat(caller, id);
        if (found instanceof Reply fr) {
            return fr;
        }
        Tok t = (Tok) found;
        return Reply.json(200, json(t, false, "self".equals(id)));
    }

    private Reply revokePat(Tok caller, String id) {
        Reply r = "self".equals(id) ? null : requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        if (!"self".equals(id) && parseId(id).map(tokens::get)
                .filter(x -> x.kind != TokenSeed.Kind.IMPERSONATION).isEmpty()) {
            // find_token = PersonalAccessToken.find(id): RecordNotFound, mapped by lib/api/api.rb.
            return recordNotFound();
        }
        Object found = findPat(caller, id);
        if (found instanceof Reply fr) {
            return fr;
        }
        Tok t = (Tok) found;
        if (t.revoked) {
            return badRequest("Token already revoked");
        }
        t.revoked = true;
        return Reply.empty(204);
    }

    private Reply rotatePat(Exchange ex, Tok caller, String id) {
        Reply r = "self".equals(id) ? requireScope(caller, "api", "self_rotate") : requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        Object found = findPat(caller, id);
        if (found instanceof Reply fr) {
            return fr;
        }
        return rotate(ex, (Tok) found);
    }

    /** @return the token the caller may see under that id, or the error reply */
    private Object findPat(Tok caller, String id) {
        if ("self".equals(id)) {
            return caller;
        }
        FakeUser me = users.get(caller.userId);
        Tok t = parseId(id).map(tokens::get).filter(x -> x.kind != TokenSeed.Kind.IMPERSONATION).orElse(null);
        if (t == null) {
            return me.isAdmin() ? notFound() : unauthorized();
        }
        if (!me.isAdmin() && !t.userId.equals(me.id())) {
            return unauthorized();
        }
        return t;
    }

    private Reply adminCreate(Exchange ex, Tok caller, String uid) {
        Reply r = requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        if (!users.get(caller.userId).isAdmin()) {
            return Reply.json(403, Json.object().put("message", "403 Forbidden"));
        }
        FakeUser target = users.get(uid);
        if (target == null) {
            return Reply.json(404, Json.object().put("message", "404 User Not Found"));
        }
        return create(ex, target.id(), TokenSeed.Kind.PERSONAL, null, null, null, KNOWN_SCOPES, MAX_LIFETIME_DAYS);
    }

    private Reply selfCreate(Exchange ex, Tok caller) {
        Reply r = requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        return create(ex, caller.userId, TokenSeed.Kind.PERSONAL, null, null, null, SELF_CREATE_SCOPES,
                MAX_LIFETIME_DAYS);
    }

    // ---- impersonation tokens ----------------------------------------------------------------------

    private Reply adminOnly(Tok caller) {
        Reply r = requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        return users.get(caller.userId).isAdmin() ? null : Reply.json(403, Json.object().put("message", "403 Forbidden"));
    }

    private Reply listImpersonation(Exchange ex, Tok caller, String uid) {
        Reply r = adminOnly(caller);
        if (r != null) {
            return r;
        }
        if (!users.containsKey(uid)) {
            return Reply.json(404, Json.object().put("message", "404 User Not Found"));
        }
        String state = Optional.ofNullable(ex.queryParam("state")).orElse("all");
        Predicate<Tok> base = t -> t.kind == TokenSeed.Kind.IMPERSONATION && t.userId.equals(uid)
                && ("all".equals(state) || "active".equals(state) == active(t));
        return list(ex, base);
    }

    private Reply createImpersonation(Exchange ex, Tok caller, String uid) {
        Reply r = adminOnly(caller);
        if (r != null) {
            return r;
        }
        if (!users.containsKey(uid)) {
            return Reply.json(404, Json.object().put("message", "404 User Not Found"));
        }
        return create(ex, uid, TokenSeed.Kind.IMPERSONATION, null, null, null, KNOWN_SCOPES, MAX_LIFETIME_DAYS);
    }

    private Reply getImpersonation(Tok caller, String uid, String tid) {
        Reply r = adminOnly(caller);
        if (r != null) {
            return r;
        }
        Tok t = parseId(tid).map(tokens::get)
                .filter(x -> x.kind == TokenSeed.Kind.IMPERSONATION && x.userId.equals(uid)).orElse(null);
        return t == null ? Reply.json(404, Json.object().put("message", "404 Impersonation Token Not Found"))
                : Reply.json(200, json(t, false, false));
    }

    private Reply revokeImpersonation(Tok caller, String uid, String tid) {
        Reply r = adminOnly(caller);
        if (r != null) {
            return r;
        }
        Tok t = parseId(tid).map(tokens::get)
                .filter(x -> x.kind == TokenSeed.Kind.IMPERSONATION && x.userId.equals(uid)).orElse(null);
        if (t == null) {
            return Reply.json(404, Json.object().put("message", "404 Impersonation Token Not Found"));
        }
        t.revoked = true;
        return Reply.empty(204);
    }

    // ---- project and group access tokens -----------------------------------------------------------

    private Reply listResource(Exchange ex, Tok caller, String type, String rid) {
        Reply r = requireScope(caller, "api", "read_api");
        if (r != null) {
            return r;
        }
        return list(ex, t -> type.equals(t.resourceType) && rid.equals(t.resourceId));
    }

    private Reply getResource(Tok caller, String type, String rid, String tid) {
        Reply r = requireScope(caller, "api", "read_api");
        if (r != null) {
            return r;
        }
        Object found = findResource(caller, type, rid, tid, false);
        return found instanceof Reply fr ? fr : Reply.json(200, json((Tok) found, false, false));
    }

    private Reply createResource(Exchange ex, Tok caller, String type, String rid) {
        Reply r = requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        if (caller.resourceType != null) {
            return Reply.json(400, Json.object().put("message",
                    "400 Bad request - You must use a personal access token with this endpoint"));
        }
        String level = ex.param("access_level");
        int accessLevel = 40;
        if (level != null) {
            try {
                accessLevel = Integer.parseInt(level);
            } catch (NumberFormatException e) {
                accessLevel = -1;
            }
            if (!ACCESS_LEVELS.contains(accessLevel)) {
                return Reply.json(400, Json.object().put("error", "access_level does not have a valid value"));
            }
        }
        FakeUser botUser = bot(type, rid);
        return create(ex, botUser.id(), "projects".equals(type) ? TokenSeed.Kind.PROJECT : TokenSeed.Kind.GROUP,
                type, rid, accessLevel, BOT_SCOPES, MAX_LIFETIME_DAYS);
    }

    private Reply revokeResource(Tok caller, String type, String rid, String tid) {
        Reply r = requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        Object found = findResource(caller, type, rid, tid, false);
        if (found instanceof Reply fr) {
            return fr;
        }
        Tok t = (Tok) found;
        if (t.revoked) {
            return badRequest("Token already revoked");
        }
        t.revoked = true;
        return Reply.empty(204);
    }

    private Reply rotateResource(Exchange ex, Tok caller, String type, String rid, String tid) {
        Reply r = "self".equals(tid) ? requireScope(caller, "api", "self_rotate") : requireScope(caller, "api");
        if (r != null) {
            return r;
        }
        if (!"self".equals(tid) && caller.resourceType != null) {
            return unauthorized();
        }
        Object found = findResource(caller, type, rid, tid, true);
        return found instanceof Reply fr ? fr : rotate(ex, (Tok) found);
    }

    private Object findResource(Tok caller, String type, String rid, String tid, boolean rotation) {
        if ("self".equals(tid) && !rotation) {
            // Project and group tokens have "self" on rotate only; GET and DELETE look it up as an id.
            return resourceNotFound();
        }
        if ("self".equals(tid)) {
            if (!type.equals(caller.resourceType) || !rid.equals(caller.resourceId)) {
                return unauthorized();
            }
            return caller;
        }
        Tok t = parseId(tid).map(tokens::get)
                .filter(x -> type.equals(x.resourceType) && rid.equals(x.resourceId)).orElse(null);
        if (t == null) {
            return resourceNotFound();
        }
        return t;
    }

    /** UNVERIFIED: the exact text; the reference gives "404 … Access Token Not Found". */
    private static Reply resourceNotFound() {
        return Reply.json(404, Json.object().put("message", "404 Access Token Not Found"));
    }

    // ---- shared operations -------------------------------------------------------------------------

    private Reply create(Exchange ex, String userId, TokenSeed.Kind kind, String resourceType, String resourceId,
            Integer accessLevel, Set<String> allowedScopes, int maxDays) {
        if (ex.json() == null) {
            return Reply.json(400, Json.object().put("message", "400 Bad request - Invalid JSON"));
        }
        String name = ex.param("name");
        if (name == null || name.isBlank()) {
            return Reply.json(400, Json.object().put("error", "name is missing"));
        }
        List<String> scopes = ex.listParam("scopes");
        if (scopes == null || scopes.isEmpty()) {
            return Reply.json(400, Json.object().put("error", "scopes is missing"));
        }
        if (!allowedScopes.containsAll(scopes)) {
            return Reply.json(400, Json.object().put("error", "scopes does not have a valid value"));
        }
        LocalDate today = today();
        LocalDate expires;
        String raw = ex.param("expires_at");
        if (raw == null || raw.isBlank()) {
            expires = today.plusDays(maxDays);
        } else {
            try {
                expires = parseDate(raw);
            } catch (DateTimeParseException e) {
                return Reply.json(400, Json.object().put("error", "expires_at is invalid"));
            }
            Reply invalid = checkExpiry(expires, today, maxDays, true);
            if (invalid != null) {
                return invalid;
            }
        }
        Tok t = newToken(name, ex.param("description"), scopes, userId, expires, kind, resourceType, resourceId,
                accessLevel == null ? 0 : accessLevel, null);
        return Reply.json(201, json(t, true, false));
    }

    private Reply checkExpiry(LocalDate expires, LocalDate today, int maxDays, boolean validationShape) {
        String problem = null;
        if (!expires.isAfter(today)) {
            problem = "must be in the future";
        } else if (expires.isAfter(today.plusDays(maxDays))) {
            problem = "must be before " + today.plusDays(maxDays + 1L);
        }
        if (problem == null) {
            return null;
        }
        if (validationShape) {
            ObjectNode m = Json.object();
            m.set("expires_at", Json.array(List.of(problem)));
            return Reply.json(400, Json.object().set("message", m));
        }
        return badRequest("Expiration date " + problem);
    }

    /** Rotates a token: a new record with a new id and secret, the old one revoked. */
    private Reply rotate(Exchange ex, Tok old) {
        if (ex.json() == null) {
            return Reply.json(400, Json.object().put("message", "400 Bad request - Invalid JSON"));
        }
        if (old.revoked) {
            // Reuse detection: rotating a token that is already revoked revokes its whole family.
            revokeFamily(old);
            return badRequest("Token already revoked");
        }
        LocalDate today = today();
        LocalDate expires = today.plusDays(7);
        String raw = ex.param("expires_at");
        if (raw != null && !raw.isBlank()) {
            try {
                expires = parseDate(raw);
            } catch (DateTimeParseException e) {
                return Reply.json(400, Json.object().put("error", "expires_at is invalid"));
            }
            Reply invalid = checkExpiry(expires, today, MAX_LIFETIME_DAYS, false);
            if (invalid != null) {
                return invalid;
            }
        }
        old.revoked = true;
        Tok t = newToken(old.name, old.description, old.scopes, old.userId, expires, old.kind, old.resourceType,
                old.resourceId, old.accessLevel, null);
        t.previousId = old.id;
        return Reply.json(200, json(t, true, false));
    }

    private void revokeFamily(Tok t) {
        Tok root = t;
        while (root.previousId != null && tokens.containsKey(root.previousId)) {
            root = tokens.get(root.previousId);
        }
        List<Long> family = new ArrayList<>();
        family.add(root.id);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Tok x : tokens.values()) {
                if (x.previousId != null && family.contains(x.previousId) && !family.contains(x.id)) {
                    family.add(x.id);
                    grew = true;
                }
            }
        }
        for (Long id : family) {
            tokens.get(id).revoked = true;
        }
    }

    private Reply list(Exchange ex, Predicate<Tok> base) {
        Predicate<Tok> filter = base;
        try {
            String state = ex.queryParam("state");
            if (state != null) {
                if (!"active".equals(state) && !"inactive".equals(state)) {
                    return Reply.json(400, Json.object().put("error", "state does not have a valid value"));
                }
                boolean wantActive = "active".equals(state);
                filter = filter.and(t -> active(t) == wantActive);
            }
            String revoked = ex.queryParam("revoked");
            if (revoked != null) {
                boolean want = Boolean.parseBoolean(revoked);
                filter = filter.and(t -> t.revoked == want);
            }
            String search = ex.queryParam("search");
            if (search != null) {
                String needle = search.toLowerCase(Locale.ROOT);
                filter = filter.and(t -> t.name.toLowerCase(Locale.ROOT).contains(needle));
            }
            filter = instantFilter(ex, "created_after", filter, t -> t.createdAt, true);
            filter = instantFilter(ex, "created_before", filter, t -> t.createdAt, false);
            filter = instantFilter(ex, "last_used_after", filter, t -> t.lastUsedAt, true);
            filter = instantFilter(ex, "last_used_before", filter, t -> t.lastUsedAt, false);
            String expiresAfter = ex.queryParam("expires_after");
            if (expiresAfter != null) {
                LocalDate d = parseDate(expiresAfter);
                filter = filter.and(t -> t.expiresAt != null && t.expiresAt.isAfter(d));
            }
            String expiresBefore = ex.queryParam("expires_before");
            if (expiresBefore != null) {
                LocalDate d = parseDate(expiresBefore);
                filter = filter.and(t -> t.expiresAt != null && t.expiresAt.isBefore(d));
            }
        } catch (DateTimeParseException e) {
            return Reply.json(400, Json.object().put("error", "a date parameter is invalid"));
        }
        Comparator<Tok> order = Comparator.comparingLong(t -> t.id);
        String sort = ex.queryParam("sort");
        if (sort != null) {
            Comparator<Tok> c = switch (sort) {
                case "created_asc", "created_desc" -> Comparator.comparing(t -> t.createdAt);
                case "expires_asc", "expires_desc" -> Comparator.comparing(t -> t.expiresAt,
                        Comparator.nullsLast(Comparator.naturalOrder()));
                case "last_used_asc", "last_used_desc" -> Comparator.comparing(t -> t.lastUsedAt,
                        Comparator.nullsLast(Comparator.naturalOrder()));
                case "name_asc", "name_desc" -> Comparator.comparing(t -> t.name);
                default -> null;
            };
            if (c == null) {
                return Reply.json(400, Json.object().put("error", "sort does not have a valid value"));
            }
            order = (sort.endsWith("_desc") ? c.reversed() : c).thenComparingLong(t -> t.id);
        }
        List<Tok> all = tokens.values().stream().filter(filter).sorted(order).collect(Collectors.toList());
        int page;
        int perPage;
        try {
            page = Math.max(1, Integer.parseInt(Optional.ofNullable(ex.queryParam("page")).orElse("1")));
            perPage = Integer.parseInt(Optional.ofNullable(ex.queryParam("per_page")).orElse("20"));
        } catch (NumberFormatException e) {
            return Reply.json(400, Json.object().put("error", "page is invalid"));
        }
        perPage = perPage < 1 ? 20 : Math.min(perPage, 100);
        int total = all.size();
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        ArrayNode arr = Json.MAPPER.createArrayNode();
        all.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(t -> arr.add(json(t, false, false)));
        Reply r = Reply.json(200, arr);
        List<String> links = new ArrayList<>();
        if (page > 1) {
            links.add("<" + pageUrl(ex, page - 1, perPage) + ">; rel=\"prev\"");
        }
        if (page < pages) {
            links.add("<" + pageUrl(ex, page + 1, perPage) + ">; rel=\"next\"");
        }
        links.add("<" + pageUrl(ex, 1, perPage) + ">; rel=\"first\"");
        links.add("<" + pageUrl(ex, pages, perPage) + ">; rel=\"last\"");
        r.header("Link", String.join(", ", links));
        r.header("x-next-page", page < pages ? String.valueOf(page + 1) : "");
        r.header("x-page", page);
        r.header("x-per-page", perPage);
        r.header("x-prev-page", page > 1 ? String.valueOf(page - 1) : "");
        r.header("x-total", total);
        r.header("x-total-pages", pages);
        return r;
    }

    private Predicate<Tok> instantFilter(Exchange ex, String param, Predicate<Tok> filter,
            java.util.function.Function<Tok, Instant> field, boolean after) {
        String v = ex.queryParam(param);
        if (v == null) {
            return filter;
        }
        Instant limit = parseInstant(v);
        return filter.and(t -> {
            Instant x = field.apply(t);
            return x != null && (after ? x.isAfter(limit) : x.isBefore(limit));
        });
    }

    /**
     * A Grape {@code type: Date} parameter: Ruby's {@code Date.parse} takes a date or a date-time
     * and keeps the calendar date as written ({@code 2026-12-30T00:00:00Z} is 2026-12-30).
     */
    private static LocalDate parseDate(String v) {
        Matcher m = DATE_PREFIX.matcher(v.trim());
        if (!m.matches()) {
            throw new DateTimeParseException("not a date", v, 0);
        }
        return LocalDate.parse(m.group(1));
    }

    private static Instant parseInstant(String v) {
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private String pageUrl(Exchange ex, int page, int perPage) {
        String base = ex.urlWithoutQuery();
        if (externalUrl != null) {
            int port = externalUrl.getPort();
            base = URI.create(ex.baseUrl()).getScheme() + "://" + externalUrl.getHost()
                    + (port < 0 ? "" : ":" + port) + ex.rawPath();
        }
        StringBuilder sb = new StringBuilder(base).append('?');
        Map<String, List<String>> q = new LinkedHashMap<>(ex.query());
        q.remove("page");
        q.remove("per_page");
        q.put("page", List.of(String.valueOf(page)));
        q.put("per_page", List.of(String.valueOf(perPage)));
        boolean first = true;
        for (Map.Entry<String, List<String>> e : q.entrySet()) {
            for (String v : e.getValue()) {
                if (!first) {
                    sb.append('&');
                }
                first = false;
                sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    // ---- records and JSON --------------------------------------------------------------------------

    private Tok newToken(String name, String description, List<String> scopes, String userId, LocalDate expiresAt,
            TokenSeed.Kind kind, String resourceType, String resourceId, int accessLevel, String secret) {
        Tok t = new Tok();
        t.id = nextTokenId++;
        t.name = name;
        t.description = description;
        t.scopes = List.copyOf(scopes);
        t.userId = userId;
        t.createdAt = now();
        t.expiresAt = expiresAt;
        t.kind = kind;
        t.resourceType = resourceType;
        t.resourceId = resourceId;
        t.accessLevel = accessLevel;
        String s = secret;
        while (s == null || bySecret(s) != null) {
            s = Secrets.gitlab();
        }
        t.secret = s;
        tokens.put(t.id, t);
        return t;
    }

    private FakeUser bot(String resourceType, String resourceId) {
        String kind = "projects".equals(resourceType) ? "project" : "group";
        String id = users.nextId();
        String slug = String.valueOf(resourceId).replaceAll("[^A-Za-z0-9]", "_");
        FakeUser u = new FakeUser(id, kind + "_" + slug + "_bot_" + Secrets.hex24().substring(0, 8),
                "Access token bot", FakeUser.Kind.BOT, null);
        return addUser(u);
    }

    private ObjectNode json(Tok t, boolean withSecret, boolean withIps) {
        ObjectNode o = Json.object();
        o.put("id", t.id);
        o.put("name", t.name);
        o.put("revoked", t.revoked);
        o.put("created_at", Json.millis(t.createdAt));
        o.put("description", t.description);
        o.set("scopes", Json.array(t.scopes));
        o.put("user_id", Long.parseLong(t.userId));
        o.put("last_used_at", Json.millis(t.lastUsedAt));
        o.put("active", active(t));
        o.put("expires_at", t.expiresAt == null ? null : t.expiresAt.toString());
        o.set("last_used_ips", Json.array(t.lastUsedIps));
        if (t.resourceType != null) {
            o.put("access_level", t.accessLevel);
        }
        if (t.kind == TokenSeed.Kind.IMPERSONATION) {
            o.put("impersonation", true);
        }
        if (withSecret) {
            o.put("token", t.secret);
        }
        return o;
    }

    private FakeToken snapshot(Tok t) {
        return new FakeToken(String.valueOf(t.id), t.name, t.secret, users.get(t.userId), t.scopes,
                t.expiresAt == null ? null : t.expiresAt.atStartOfDay(ZoneOffset.UTC).toInstant(), t.kind);
    }

    private void touch(Tok t, Exchange ex) {
        t.lastUsedAt = now();
        String ip = ex.clientIp();
        if (ip != null && !t.lastUsedIps.contains(ip)) {
            t.lastUsedIps.add(ip);
        }
    }

    private Tok bySecret(String secret) {
        for (Tok t : tokens.values()) {
            if (t.secret.equals(secret)) {
                return t;
            }
        }
        return null;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(now(), ZoneOffset.UTC);
    }

    private boolean expired(Tok t) {
        return t.expiresAt != null && !today().isBefore(t.expiresAt);
    }

    private boolean active(Tok t) {
        return !t.revoked && !expired(t);
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Reply requireScope(Tok t, String... anyOf) {
        for (String s : anyOf) {
            if (t.scopes.contains(s)) {
                return null;
            }
        }
        return Reply.json(403, Json.object().put("error", "insufficient_scope")
                .put("error_description", "The request requires higher privileges than provided by the access token.")
                .put("scope", String.join(" ", anyOf)));
    }

    private static Reply rateHeaders(Reply r, Budget.Snapshot s) {
        return r.header("RateLimit-Name", "throttle_authenticated_api")
                .header("RateLimit-Limit", s.limit())
                .header("RateLimit-Observed", s.used())
                .header("RateLimit-Remaining", s.remaining())
                .header("RateLimit-Reset", s.reset().getEpochSecond());
    }

    private static Reply unauthorized() {
        return Reply.json(401, Json.object().put("message", "401 Unauthorized"));
    }

    /** What {@code lib/api/api.rb} answers for an {@code ActiveRecord::RecordNotFound} (lower-case "found"). */
    private static Reply recordNotFound() {
        return Reply.json(404, Json.object().put("message", "404 Not found"));
    }

    private static Reply notFound() {
        return Reply.json(404, Json.object().put("message", "404 Not Found"));
    }

    private static Reply badRequest(String what) {
        return Reply.json(400, Json.object().put("message", "400 Bad request - " + what));
    }

    private static Reply invalidToken(String description) {
        return Reply.json(401, Json.object().put("error", "invalid_token").put("error_description", description))
                .header("WWW-Authenticate", "Bearer realm=\"Protected by OAuth 2.0\", error=\"invalid_token\","
                        + " error_description=\"" + description + "\"");
    }
}
