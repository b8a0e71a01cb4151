package dev.patkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patkit.testkit.internal.Budget;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.Json;
import dev.patkit.testkit.internal.Reply;
import dev.patkit.testkit.internal.Secrets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stateful fake GitHub REST API at {@code http://127.0.0.1:<port>} (also under {@code /api/v3},
 * as GitHub Enterprise Server serves it).
 *
 * <p>Serves {@code GET /user}; the API root {@code GET /} (200, as {@code gh} reads a token's
 * scopes there); {@code POST /graphql} (GHES: {@code /api/graphql}) answering the
 * {@code viewer { login }} query; {@code GET /rate_limit} (not counted); and
 * {@code POST /credentials/revoke}, which must come without {@code Authorization} (403
 * otherwise, as on github.com), answers 202 and really revokes every listed token the fake knows.
 * Every authenticated answer carries {@code X-OAuth-Scopes} (classic tokens only; absent for
 * fine-grained ones), {@code X-Accepted-OAuth-Scopes} and
 * {@code GitHub-Authentication-Token-Expiration} ({@code 2021-09-03 14:34:04 UTC}, absent when
 * the token does not expire); every answer {@code x-ratelimit-limit|remaining|used|reset|resource},
 * {@code Date} and {@code X-GitHub-Request-Id}; {@code HEAD} works on every {@code GET} route.
 * Tokens are sent as {@code Authorization: Bearer} or
 * {@code Authorization: token}; unknown, revoked and expired tokens all get 401
 * {@code {"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}}.
 * A request without {@code User-Agent} gets 403, as on github.com. The budget is 5000 requests an
 * hour per user (all of a user's tokens share it) and 60 an hour per address without a token; an
 * exhausted budget gets 403 with {@code x-ratelimit-remaining: 0}. Thread-safe.
 *
 * <p>The body of a 202 from {@code /credentials/revoke} and the message of its 403 are UNVERIFIED.
 */
public final class FakeGitHub extends FakeServer<FakeGitHub> {

    private static final String DOCS = "https://docs.github.com/rest";
    private static final DateTimeFormatter EXPIRATION =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final UserDirectory users = new UserDirectory();
    private final Map<String, Tok> tokens = new LinkedHashMap<>();
    private final Budget budget = new Budget(5000, Duration.ofHours(1));
    private final Budget anonymous = new Budget(60, Duration.ofHours(1));
    private long nextTokenId = 1;

    private static final class Tok {
        String id;
        String name;
        String secret;
        String userId;
        List<String> scopes;
        Instant expiresAt;
        TokenSeed.Kind kind;
        boolean revoked;
        Instant createdAt;
    }

    private FakeGitHub(FakeClock clock) {
        super("github", clock);
    }

    /** @return a stopped fake with its own clock at the current instant */
    public static FakeGitHub create() {
        return new FakeGitHub(FakeClock.ofNow());
    }

    /**
     * @param clock the clock to share, not null
     * @return a stopped fake on that clock
     */
    public static FakeGitHub create(FakeClock clock) {
        return new FakeGitHub(clock);
    }

    /** @return {@code http://127.0.0.1:<port>}, the api.github.com of this fake */
    @Override
    public URI baseUri() {
        return rootUri();
    }

    /** @return {@code http://127.0.0.1:<port>/api/v3}, as GitHub Enterprise Server would be addressed */
    public URI enterpriseBaseUri() {
        return URI.create(rootUri() + "/api/v3");
    }

    // ---- seeding -----------------------------------------------------------------------------------

    /**
     * Adds a user with the next free numeric id.
     *
     * @param login the login
     * @param name the display name
     * @return the user
     */
    public FakeUser addUser(String login, String name) {
        synchronized (lock) {
            return addUser(new FakeUser(users.nextId(), login, name, FakeUser.Kind.USER,
                    login + "@users.noreply.github.com"));
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
     * Seeds a token: {@link TokenSeed.Kind#CLASSIC} (the default; a {@code ghp_} secret with a
     * valid checksum) or {@link TokenSeed.Kind#FINE_GRAINED} (a {@code github_pat_} secret). The
     * expiry is an instant ({@link TokenSeed#expiresAt(Instant)}), truncated to seconds.
     *
     * @param seed what to seed; it needs an owner
     * @return the token with its secret
     */
    public FakeToken addToken(TokenSeed seed) {
        synchronized (lock) {
            TokenSeed.Kind kind = seed.kind() == null ? TokenSeed.Kind.CLASSIC : seed.kind();
            if (kind != TokenSeed.Kind.CLASSIC && kind != TokenSeed.Kind.FINE_GRAINED) {
                throw new IllegalArgumentException("GitHub tokens are CLASSIC or FINE_GRAINED, not " + kind);
            }
            FakeUser owner = Objects.requireNonNull(seed.owner(), "a GitHub token needs an owner");
            if (!users.containsKey(owner.id())) {
                addUser(owner);
            }
            Tok t = new Tok();
            t.id = String.valueOf(nextTokenId++);
            t.name = seed.name();
            t.userId = owner.id();
            t.scopes = seed.scopes();
            t.expiresAt = seed.expiresAt() == null ? null : seed.expiresAt().truncatedTo(ChronoUnit.SECONDS);
            t.kind = kind;
            t.createdAt = now();
            String s = seed.secret();
            while (s == null || tokens.containsKey(s)) {
                s = kind == TokenSeed.Kind.CLASSIC ? Secrets.githubClassic() : Secrets.githubFineGrained();
            }
            t.secret = s;
            tokens.put(s, t);
            return snapshot(t);
        }
    }

    /**
     * Seeds a classic token without expiry.
     *
     * @param owner the owner
     * @param name the token's note
     * @param scopes its scopes
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
            Tok t = tokens.get(token.secret());
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
            Tok t = tokens.get(secret);
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
            Tok t = tokens.get(secret);
            return t == null ? Optional.empty() : Optional.ofNullable(users.get(t.userId));
        }
    }

    /**
     * Sets the hourly budget per user (default 5000), shared by all of the user's tokens.
     *
     * @param perHour requests per hour
     * @return this fake
     */
    public FakeGitHub rateLimit(int perHour) {
        synchronized (lock) {
            budget.configure(perHour, Duration.ofHours(1));
        }
        return this;
    }

    @Override
    void clearState() {
        users.clear();
        tokens.clear();
        budget.clear();
        anonymous.clear();
        nextTokenId = 1;
    }

    // ---- requests ----------------------------------------------------------------------------------

    @Override
    Reply handle(Exchange ex) {
        List<String> p = ex.segments();
        boolean enterprise = p.size() >= 2 && "api".equals(p.get(0)) && "v3".equals(p.get(1));
        if (enterprise) {
            p = p.subList(2, p.size());
        }
        String m = ex.method();
        if (ex.header("User-Agent") == null) {
            return Reply.json(403, Json.object().put("message", "Request forbidden by administrative rules. Please"
                    + " make sure your request has a User-Agent header (" + DOCS + "/overview/resources-in-the-rest-api"
                    + "#user-agent-required). Check https://developer.github.com for other possible causes."));
        }
        String secret = bearer(ex);
        Tok caller = secret == null ? null : tokens.get(secret);
        boolean badCredentials = secret != null && (caller == null || caller.revoked || expired(caller));
        if (badCredentials) {
            caller = null;
        }
        // GET /rate_limit does not count against the primary limit.
        boolean rateLimitCall = p.size() == 1 && "rate_limit".equals(p.get(0)) && "GET".equals(m);
        Budget.Snapshot limit;
        String resource = "core";
        if (caller == null) {
            limit = rateLimitCall ? anonymous.peek(ex.clientIp(), now()) : anonymous.take(ex.clientIp(), now());
        } else {
            limit = rateLimitCall ? budget.peek(caller.userId, now()) : budget.take(caller.userId, now());
        }
        Reply r;
        if (rateLimitCall) {
            r = badCredentials ? badCredentials() : rateLimit(limit);
        } else if (p.size() == 2 && "credentials".equals(p.get(0)) && "revoke".equals(p.get(1)) && "POST".equals(m)) {
            resource = "credentials_revoke";
            r = ex.header("Authorization") != null ? error(403, "Any authenticated requests will return a 403."
                    + " Send this request without an Authorization header.", DOCS
                    + "/credentials/revoke#revoke-a-list-of-credentials") : revokeCredentials(ex, limit);
        } else if (badCredentials) {
            r = badCredentials();
        } else if (caller != null && !limit.allowed()) {
            r = rateLimited(limit, caller);
        } else if (p.isEmpty() && "GET".equals(m)) {
            r = apiRoot(ex, enterprise);
        } else if (isGraphql(ex.segments()) && "POST".equals(m)) {
            resource = "graphql";
            r = graphql(ex, caller);
        } else if (p.size() == 1 && "user".equals(p.get(0)) && "GET".equals(m)) {
            r = caller == null ? error(401, "Requires authentication", DOCS + "/users/users#get-the-authenticated-user")
                    : user(ex, caller);
        } else {
            r = error(404, "Not Found", DOCS);
        }
        if (caller != null) {
            // Scope headers come on authenticated answers in general, not only on GET /user.
            if (caller.kind == TokenSeed.Kind.CLASSIC) {
                r.header("X-OAuth-Scopes", String.join(", ", caller.scopes));
            }
            r.header("X-Accepted-OAuth-Scopes", "");
            if (caller.expiresAt != null) {
                r.header("GitHub-Authentication-Token-Expiration", EXPIRATION.format(caller.expiresAt));
            }
        }
        String version = Optional.ofNullable(ex.header("X-GitHub-Api-Version")).orElse("2022-11-28");
        return r.header("x-ratelimit-limit", limit.limit())
                .header("x-ratelimit-remaining", limit.remaining())
                .header("x-ratelimit-used", limit.used())
                .header("x-ratelimit-reset", limit.reset().getEpochSecond())
                .header("x-ratelimit-resource", resource)
                .header("x-github-api-version-selected", version)
                .header("X-GitHub-Media-Type", "github.v3; format=json");
    }

    /** Adds {@code X-GitHub-Request-Id} and {@code Date} to every answer, injected ones included. */
    @Override
    void decorate(Exchange ex, Reply reply) {
        super.decorate(ex, reply);
        if (!reply.hasHeader("X-GitHub-Request-Id")) {
            reply.header("X-GitHub-Request-Id", requestId());
        }
    }

    /** GraphQL is {@code /graphql} on GitHub.com and {@code /api/graphql} on GitHub Enterprise Server. */
    private static boolean isGraphql(List<String> segments) {
        return segments.equals(List.of("graphql")) || segments.equals(List.of("api", "graphql"));
    }

    /** The API root ({@code GET /}, GHES {@code /api/v3/}): links to the main endpoints, 200. */
    private Reply apiRoot(Exchange ex, boolean enterprise) {
        String b = ex.baseUrl() + (enterprise ? "/api/v3" : "");
        ObjectNode o = Json.object();
        o.put("current_user_url", b + "/user");
        o.put("current_user_authorizations_html_url", "https://github.com/settings/connections/applications{/client_id}");
        o.put("authorizations_url", b + "/authorizations");
        o.put("emails_url", b + "/user/emails");
        o.put("events_url", b + "/events");
        o.put("organization_url", b + "/orgs/{org}");
        o.put("rate_limit_url", b + "/rate_limit");
        o.put("repository_url", b + "/repos/{owner}/{repo}");
        o.put("user_url", b + "/users/{user}");
        return Reply.json(200, o);
    }

    /**
     * {@code POST /graphql}: answers the {@code viewer { login }} query ({@code gh auth status}
     * sends {@code query UserCurrent{viewer{login}}}); any other query gets a GraphQL error.
     */
    private Reply graphql(Exchange ex, Tok caller) {
        if (caller == null) {
            return Reply.json(401, Json.object().put("message", "This endpoint requires you to be authenticated.")
                    .put("documentation_url", "https://docs.github.com/graphql/guides/forming-calls-with-graphql"
                            + "#authenticating-with-graphql"));
        }
        JsonNode body = ex.json();
        String query = body == null || !body.path("query").isTextual() ? "" : body.get("query").asText();
        String compact = query.replaceAll("\\s+", "");
        if (compact.matches("(query\\w*)?\\{viewer\\{login}}")) {
            ObjectNode viewer = Json.object().put("login", users.get(caller.userId).login());
            return Reply.json(200, Json.object().set("data", Json.object().set("viewer", viewer)));
        }
        ObjectNode err = Json.object().put("message", body == null ? "Problems parsing JSON"
                : "This fake serves only the query { viewer { login } }");
        return Reply.json(200, Json.object().set("errors", Json.array(List.of()).add(err)));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
    }

    private Reply user(Exchange ex, Tok t) {
        FakeUser u = users.get(t.userId);
        ObjectNode o = Json.object();
        o.put("login", u.login());
        o.put("id", Long.parseLong(u.id()));
        o.put("node_id", "U_fake" + u.id());
        o.put("avatar_url", "https://avatars.githubusercontent.com/u/" + u.id() + "?v=4");
        o.put("gravatar_id", "");
        o.put("url", ex.baseUrl() + "/users/" + u.login());
        o.put("html_url", "https://github.com/" + u.login());
        o.put("type", u.kind() == FakeUser.Kind.BOT ? "Bot" : "User");
        o.put("site_admin", u.isAdmin());
        o.put("name", u.name());
        o.putNull("company");
        o.put("blog", "");
        o.putNull("location");
        o.put("email", u.email());
        o.putNull("hireable");
        o.putNull("bio");
        o.put("public_repos", 0);
        o.put("followers", 0);
        o.put("following", 0);
        o.put("created_at", "2020-01-01T00:00:00Z");
        o.put("updated_at", "2020-01-01T00:00:00Z");
        return Reply.json(200, o);
    }

    private Reply revokeCredentials(Exchange ex, Budget.Snapshot limit) {
        if (!limit.allowed()) {
            return error(403, "API rate limit exceeded for " + ex.clientIp() + ".", DOCS
                    + "/overview/rate-limits-for-the-rest-api");
        }
        JsonNode body = ex.json();
        JsonNode list = body == null ? null : body.get("credentials");
        if (list == null || !list.isArray() || list.isEmpty() || list.size() > 1000) {
            return error(422, "Invalid request.\n\n\"credentials\" must be an array of 1 to 1000 strings.", DOCS
                    + "/credentials/revoke#revoke-a-list-of-credentials");
        }
        List<String> secrets = new ArrayList<>();
        for (JsonNode n : list) {
            if (!n.isTextual()) {
                return error(422, "Invalid request.\n\nFor 'items', " + n.getNodeType().name().toLowerCase(
                        java.util.Locale.ROOT) + " is not a string.", DOCS
                        + "/credentials/revoke#revoke-a-list-of-credentials");
            }
            secrets.add(n.asText());
        }
        for (String s : secrets) {
            Tok t = tokens.get(s);
            if (t != null) {
                t.revoked = true;
            }
        }
        return Reply.json(202, Json.object());
    }

    private Reply rateLimit(Budget.Snapshot core) {
        ObjectNode resources = Json.object();
        resources.set("core", bucket(core.limit(), core.used(), core.reset()));
        Instant minute = now().plusSeconds(60);
        resources.set("search", bucket(30, 0, minute));
        resources.set("graphql", bucket(core.limit(), 0, core.reset()));
        resources.set("integration_manifest", bucket(5000, 0, core.reset()));
        resources.set("code_search", bucket(10, 0, minute));
        ObjectNode o = Json.object();
        o.set("resources", resources);
        o.set("rate", bucket(core.limit(), core.used(), core.reset()));
        return Reply.json(200, o);
    }

    private static ObjectNode bucket(int limit, int used, Instant reset) {
        return Json.object().put("limit", limit).put("used", used).put("remaining", Math.max(0, limit - used))
                .put("reset", reset.getEpochSecond());
    }

    private Reply rateLimited(Budget.Snapshot limit, Tok caller) {
        return error(403, "API rate limit exceeded for user ID " + caller.userId + ".", DOCS
                + "/overview/rate-limits-for-the-rest-api");
    }

    private static String bearer(Exchange ex) {
        String h = ex.header("Authorization");
        if (h == null) {
            return null;
        }
        h = h.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        if (h.regionMatches(true, 0, "token ", 0, 6)) {
            return h.substring(6).trim();
        }
        return "";
    }

    private boolean expired(Tok t) {
        return t.expiresAt != null && !now().isBefore(t.expiresAt);
    }

    private FakeToken snapshot(Tok t) {
        return new FakeToken(t.id, t.name, t.secret, users.get(t.userId), t.scopes, t.expiresAt, t.kind);
    }

    private static Reply badCredentials() {
        return error(401, "Bad credentials", DOCS);
    }

    private static Reply error(int status, String message, String docs) {
        return Reply.json(status, Json.object().put("message", message).put("documentation_url", docs)
                .put("status", String.valueOf(status)));
    }
}
