package dev.patkit.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patkit.testkit.internal.Budget;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.Json;
import dev.patkit.testkit.internal.Reply;
import dev.patkit.testkit.internal.Secrets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful fake AtomGit API v5 at {@code http://127.0.0.1:<port>/api/v5}.
 *
 * <p>Serves {@code GET /api/v5/user} for a token sent as {@code Authorization: Bearer} (or
 * {@code PRIVATE-TOKEN}): the user with its 24-hex string {@code id}, {@code login}, {@code name},
 * {@code email}, {@code avatar_url}, {@code html_url}, {@code type} and the often-null fields.
 * Unknown, revoked and expired tokens get 401 {@code {"message":"401 Unauthorized"}}. AtomGit has
 * no token API, so tokens are seeded and revoked here only ({@link #addToken(TokenSeed)},
 * {@link #revoke(FakeToken)}), as a user would in the web UI.
 *
 * <p>Every answer to a token carries {@code x-ratelimit-limit|remaining|used|reset}, counted on a
 * budget that all tokens of one user share (default 5000 an hour, the legacy documented figure).
 * Past it the answer is 403 with {@code x-ratelimit-remaining: 0} and
 * {@code {"message":"API rate limit exceeded for <user id>."}}; which status the current platform
 * sends is UNVERIFIED, so {@link #rateLimit(int, Duration, int)} can make it 429 (with
 * {@code Retry-After}). Thread-safe.
 */
public final class FakeAtomGit extends FakeServer<FakeAtomGit> {

    private static final String DOCS = "https://docs.atomgit.com/openAPI/api_versioned/atomgit-openapi";

    private final UserDirectory users = new UserDirectory();
    private final Map<String, Tok> tokens = new LinkedHashMap<>();
    private final Budget budget = new Budget(5000, Duration.ofHours(1));
    private int exhaustedStatus = 403;
    private long nextTokenId = 1;

    private static final class Tok {
        String id;
        String name;
        String secret;
        String userId;
        List<String> scopes;
        Instant expiresAt;
        boolean revoked;
    }

    private FakeAtomGit(FakeClock clock) {
        super("atomgit", clock);
    }

    /** @return a stopped fake with its own clock at the current instant */
    public static FakeAtomGit create() {
        return new FakeAtomGit(FakeClock.ofNow());
    }

    /**
     * @param clock the clock to share, not null
     * @return a stopped fake on that clock
     */
    public static FakeAtomGit create(FakeClock clock) {
        return new FakeAtomGit(clock);
    }

    @Override
    public URI baseUri() {
        return URI.create(rootUri() + "/api/v5");
    }

    // ---- seeding -----------------------------------------------------------------------------------

    /**
     * Adds a user with a random 24-hex id.
     *
     * @param login the login
     * @param name the display name
     * @return the user
     */
    public FakeUser addUser(String login, String name) {
        return addUser(new FakeUser(Secrets.hex24(), login, name, FakeUser.Kind.USER, login + "@example.com"));
    }

    /**
     * Adds a user as given.
     *
     * @param user the user
     * @return the user
     */
    public FakeUser addUser(FakeUser user) {
        synchronized (lock) {
            return users.add(user);
        }
    }

    /**
     * Seeds an opaque token; its scopes are kept but never reported (AtomGit reports none).
     *
     * @param seed what to seed; it needs an owner
     * @return the token with its secret
     */
    public FakeToken addToken(TokenSeed seed) {
        synchronized (lock) {
            FakeUser owner = Objects.requireNonNull(seed.owner(), "an AtomGit token needs an owner");
            if (!users.containsKey(owner.id())) {
                addUser(owner);
            }
            Tok t = new Tok();
            t.id = String.valueOf(nextTokenId++);
            t.name = seed.name();
            t.userId = owner.id();
            t.scopes = seed.scopes();
            t.expiresAt = seed.expiresAt();
            String s = seed.secret();
            while (s == null || tokens.containsKey(s)) {
                s = Secrets.opaque();
            }
            t.secret = s;
            tokens.put(s, t);
            return snapshot(t);
        }
    }

    /**
     * Seeds a token without expiry.
     *
     * @param owner the owner
     * @param name the token name
     * @return the token with its secret
     */
    public FakeToken addToken(FakeUser owner, String name) {
        return addToken(TokenSeed.named(name).owner(owner));
    }

    /**
     * Revokes (deletes) a token, as the user would in the web UI.
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
     * Sets the per-user budget, shared by all of a user's tokens, and the status of an answer past
     * it. Counts restart.
     *
     * @param limit requests per window
     * @param window the window
     * @param exhausted the status past the budget: 403 (default) or 429
     * @return this fake
     */
    public FakeAtomGit rateLimit(int limit, Duration window, int exhausted) {
        synchronized (lock) {
            budget.configure(limit, window);
            this.exhaustedStatus = exhausted;
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
        if (!ex.is("GET", "api", "v5", "user")) {
            if (ex.segments().size() >= 2 && "api".equals(ex.segment(0)) && "v5".equals(ex.segment(1))) {
                return Reply.json(404, Json.object().put("error_code", 404).put("error_message", "Not Found"));
            }
            return Reply.json(404, Json.object().put("message", "404 Not Found"));
        }
        String secret = ex.header("PRIVATE-TOKEN");
        String authz = ex.header("Authorization");
        if (secret == null && authz != null && authz.regionMatches(true, 0, "Bearer ", 0, 7)) {
            secret = authz.substring(7).trim();
        }
        Tok t = secret == null ? null : tokens.get(secret);
        if (t == null || t.revoked || expired(t)) {
            return Reply.json(401, Json.object().put("message", "401 Unauthorized"));
        }
        Budget.Snapshot s = budget.take(t.userId, now());
        Reply r;
        if (!s.allowed()) {
            r = Reply.json(exhaustedStatus, Json.object().put("message", "API rate limit exceeded for " + t.userId + ".")
                    .put("documentation_url", DOCS));
            if (exhaustedStatus == 429) {
                r.header("Retry-After", Math.max(1, Duration.between(now(), s.reset()).toSeconds()));
            }
        } else {
            r = user(users.get(t.userId));
        }
        return r.header("x-ratelimit-limit", s.limit())
                .header("x-ratelimit-remaining", s.remaining())
                .header("x-ratelimit-used", s.used())
                .header("x-ratelimit-reset", s.reset().getEpochSecond());
    }

    private static Reply user(FakeUser u) {
        ObjectNode o = Json.object();
        o.put("id", u.id());
        o.put("login", u.login());
        o.put("name", u.name());
        o.put("email", u.email());
        o.put("avatar_url", "https://cdn-img.gitcode.com/fake/" + u.login() + ".png");
        o.put("html_url", "https://atomgit.com/" + u.login());
        o.put("type", "User");
        o.putNull("url");
        o.putNull("repos_url");
        o.put("bio", "");
        o.putNull("blog");
        o.putNull("company");
        o.put("followers", 0);
        o.put("following", 0);
        o.putNull("public_repos");
        o.putNull("created_at");
        return Reply.json(200, o);
    }

    private boolean expired(Tok t) {
        return t.expiresAt != null && !now().isBefore(t.expiresAt);
    }

    private FakeToken snapshot(Tok t) {
        return new FakeToken(t.id, t.name, t.secret, users.get(t.userId), t.scopes, t.expiresAt,
                TokenSeed.Kind.OPAQUE);
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
}
