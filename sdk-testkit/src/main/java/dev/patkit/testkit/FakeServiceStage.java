package dev.patkit.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.patkit.testkit.internal.Exchange;
import dev.patkit.testkit.internal.Json;
import dev.patkit.testkit.internal.Reply;
import dev.patkit.testkit.internal.Secrets;
import dev.patkit.testkit.internal.SdkSignature;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A stateful fake Huawei Cloud ServiceStage git-authorization API, with the two IAM calls a client
 * needs, at {@code http://127.0.0.1:<port>} (both the ServiceStage and the IAM endpoint).
 *
 * <p>ServiceStage: {@code GET /v1/{project_id}/git/auths} ({@code {"authorizations":[...],"count":n}},
 * items with {@code tag: null}); {@code POST /v1/{project_id}/git/auths/{repo_type}/personal}
 * ({@code {"name","token","host"}}, repo types {@code github}, {@code gitlab}, {@code gitee}) and
 * {@code .../password} ({@code {"name","user","password"}}), answering 200
 * {@code {"authorization":{...}}} with the fields of the documentation, the misspelt
 * {@code avartar} included; {@code DELETE /v1/{project_id}/git/auths/{name}} (204); and
 * {@code GET /v1/{project_id}/git/repos/namespaces} with {@code X-Repo-Auth}. Errors are HTTP 400
 * {@code {"error_code":"SVCSTG.REPO.04xx","error_message":"..."}}: 0400 bad parameters (also an
 * unknown name on delete, UNVERIFIED), 0401 unsupported repo type, 0403 duplicate name, 0450
 * missing or unknown {@code X-Repo-Auth}, 0451 stored credential invalid. Any project id is
 * accepted; each has its own authorizations.
 *
 * <p>Linking: {@link #link(FakeGitHub)} and {@link #link(FakeGitLab)} make a stored token that is
 * seeded in those fakes take its {@code repo_user} from the token's owner, and its {@code status}
 * follow the token: revoked there gives status 2 (unauthenticated), expired gives 1 (overdue), and
 * then {@code X-Repo-Auth} calls get 0451. Unlinked or unknown tokens are stored as valid (what
 * real ServiceStage answers for a bad token at creation is UNVERIFIED).
 *
 * <p>Authentication, as the API gateway does it: {@code X-Auth-Token} must be an IAM token this
 * fake issued ({@code POST /v3/auth/tokens}) or seeded ({@link #addIamToken()}), not older than
 * 24 hours; or {@code Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...}
 * with {@code X-Sdk-Date} ({@code yyyyMMdd'T'HHmmss'Z'}, within 15 minutes of the fake's clock),
 * whose access key was seeded ({@link #addAccessKey()}) and whose signature is checked by
 * recomputing it (the algorithm of the reference, B.8); {@link #verifySignatures(boolean)} can
 * reduce that to a check of presence and shape. Failures are 401
 * {@code {"error_msg":"...","error_code":"APIGW.0301","request_id":"..."}}. The {@code Date}
 * header follows the fake's clock. IAM: {@code POST /v3/auth/tokens} (password method, users
 * seeded with {@link #addIamUser(String, String, String)}; 201 with {@code X-Subject-Token}) and
 * {@code GET /v3/projects?name=}. Thread-safe.
 */
public final class FakeServiceStage extends FakeServer<FakeServiceStage> {

    /** The project id of the default project. */
    public static final String DEFAULT_PROJECT_ID = "0123456789abcdef0123456789abcdef";
    /** The region (IAM project name) of the default project. */
    public static final String DEFAULT_REGION = "cn-north-4";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{4,63}");
    private static final Pattern SDK_DATE = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final DateTimeFormatter SDK_DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> PERSONAL_TYPES = Set.of("github", "gitlab", "gitee");
    private static final Set<String> PASSWORD_TYPES = Set.of("github", "devcloud", "bitbucket");
    private static final Duration IAM_LIFETIME = Duration.ofHours(24);

    private final Map<String, Map<String, Auth>> projects = new HashMap<>();
    private final Map<String, Instant> iamTokens = new HashMap<>();
    private final Map<String, String> accessKeys = new HashMap<>();
    private final Map<String, String> iamUsers = new HashMap<>();
    private volatile FakeGitHub github;
    private volatile FakeGitLab gitlab;
    private boolean verifySignatures = true;

    private static final class Auth {
        String name;
        String repoType;
        String tokenType;
        String repoHost;
        String repoHome;
        String repoUser;
        String avatar;
        long created;
        long updated;
        String secret;
    }

    private FakeServiceStage(FakeClock clock) {
        super("servicestage", clock);
    }

    /** @return a stopped fake with its own clock at the current instant */
    public static FakeServiceStage create() {
        return new FakeServiceStage(FakeClock.ofNow());
    }

    /**
     * @param clock the clock to share, not null
     * @return a stopped fake on that clock
     */
    public static FakeServiceStage create(FakeClock clock) {
        return new FakeServiceStage(clock);
    }

    /** @return {@code http://127.0.0.1:<port>}: the ServiceStage endpoint (paths start with {@code /v1/{project_id}}) */
    @Override
    public URI baseUri() {
        return rootUri();
    }

    /** @return the IAM endpoint, the same server */
    public URI iamUri() {
        return rootUri();
    }

    /** @return the default project's id, {@value #DEFAULT_PROJECT_ID} */
    public String projectId() {
        return DEFAULT_PROJECT_ID;
    }

    // ---- seeding -----------------------------------------------------------------------------------

    /**
     * Links a GitHub fake: tokens seeded there give stored authorizations their user and status.
     *
     * @param fake the GitHub fake
     * @return this fake
     */
    public FakeServiceStage link(FakeGitHub fake) {
        this.github = fake;
        return this;
    }

    /**
     * Links a GitLab fake: tokens seeded there give stored authorizations their user and status.
     *
     * @param fake the GitLab fake
     * @return this fake
     */
    public FakeServiceStage link(FakeGitLab fake) {
        this.gitlab = fake;
        return this;
    }

    /** @return a new IAM token, valid for 24 hours from the fake's now, for {@code X-Auth-Token} */
    public FakeToken addIamToken() {
        synchronized (lock) {
            String secret = Secrets.iamToken();
            Instant expires = now().plus(IAM_LIFETIME);
            iamTokens.put(secret, expires);
            return new FakeToken("iam-" + iamTokens.size(), "iam", secret, null, List.of(), expires,
                    TokenSeed.Kind.IAM);
        }
    }

    /** @return a new access key: {@link FakeToken#id()} is the AK, {@link FakeToken#secret()} the SK */
    public FakeToken addAccessKey() {
        synchronized (lock) {
            String ak = Secrets.random(20).toUpperCase(java.util.Locale.ROOT);
            String sk = Secrets.random(40);
            accessKeys.put(ak, sk);
            return new FakeToken(ak, "access key", sk, null, List.of(), null, TokenSeed.Kind.ACCESS_KEY);
        }
    }

    /**
     * Adds an IAM user who may log in with {@code POST /v3/auth/tokens}.
     *
     * @param domain the account (domain) name
     * @param user the IAM user name
     * @param password the password
     * @return this fake
     */
    public FakeServiceStage addIamUser(String domain, String user, String password) {
        synchronized (lock) {
            iamUsers.put(domain + "/" + user, password);
        }
        return this;
    }

    /**
     * Whether AK/SK signatures are recomputed and compared (default true); when false, only the
     * presence and shape of the {@code Authorization} and {@code X-Sdk-Date} headers are checked.
     *
     * @param verify whether to verify
     * @return this fake
     */
    public FakeServiceStage verifySignatures(boolean verify) {
        synchronized (lock) {
            this.verifySignatures = verify;
        }
        return this;
    }

    /**
     * @param projectId a project id
     * @return the names of the authorizations stored in it, in creation order
     */
    public List<String> authorizationNames(String projectId) {
        synchronized (lock) {
            return List.copyOf(projects.getOrDefault(projectId, Map.of()).keySet());
        }
    }

    /**
     * @param projectId a project id
     * @param name an authorization name
     * @return the status ServiceStage would report now (0 normal, 1 overdue, 2 unauthenticated)
     */
    public Optional<Integer> status(String projectId, String name) {
        synchronized (lock) {
            Auth a = projects.getOrDefault(projectId, Map.of()).get(name);
            return a == null ? Optional.empty() : Optional.of(status(a));
        }
    }

    @Override
    void clearState() {
        projects.clear();
        iamTokens.clear();
        accessKeys.clear();
        iamUsers.clear();
    }

    // ---- requests ----------------------------------------------------------------------------------

    @Override
    Reply handle(Exchange ex) {
        Reply r = route(ex);
        return r.header("X-Request-Id", UUID.randomUUID().toString().replace("-", ""))
                .header("Date", Reply.httpDate(now()));
    }

    private Reply route(Exchange ex) {
        List<String> p = ex.segments();
        if (ex.is("POST", "v3", "auth", "tokens")) {
            return login(ex);
        }
        boolean known = ex.is("GET", "v3", "projects")
                || p.size() >= 4 && "v1".equals(p.get(0)) && "git".equals(p.get(2));
        if (!known) {
            return Reply.json(404, Json.object().put("error_msg",
                    "The API does not exist or has not been published in the environment")
                    .put("error_code", "APIGW.0101").put("request_id", requestId()));
        }
        Reply denied = authenticate(ex);
        if (denied != null) {
            return denied;
        }
        if (ex.is("GET", "v3", "projects")) {
            return listProjects(ex);
        }
        String project = p.get(1);
        Map<String, Auth> auths = projects.computeIfAbsent(project, k -> new LinkedHashMap<>());
        if (ex.is("GET", "v1", "*", "git", "auths")) {
            ArrayNode items = Json.MAPPER.createArrayNode();
            auths.values().forEach(a -> items.add(json(a, true)));
            ObjectNode o = Json.object();
            o.set("authorizations", items);
            o.put("count", auths.size());
            return Reply.json(200, o);
        }
        if (ex.is("POST", "v1", "*", "git", "auths", "*", "personal")) {
            return create(ex, auths, p.get(4), "personal");
        }
        if (ex.is("POST", "v1", "*", "git", "auths", "*", "password")) {
            return create(ex, auths, p.get(4), "password");
        }
        if (ex.is("DELETE", "v1", "*", "git", "auths", "*")) {
            if (auths.remove(p.get(4)) == null) {
                return error("SVCSTG.REPO.0400", "parameter invalid: no authorization named " + p.get(4));
            }
            return Reply.empty(204);
        }
        if (ex.is("GET", "v1", "*", "git", "repos", "namespaces")) {
            String name = ex.header("X-Repo-Auth");
            Auth a = name == null ? null : auths.get(name);
            if (a == null) {
                return error("SVCSTG.REPO.0450", "no repository authorization");
            }
            if (status(a) != 0) {
                return error("SVCSTG.REPO.0451", "repository authorization invalid");
            }
            ArrayNode ns = Json.MAPPER.createArrayNode();
            ns.add(Json.object().put("id", a.repoUser).put("name", a.repoUser));
            return Reply.json(200, Json.object().set("namespaces", ns));
        }
        return Reply.json(404, Json.object().put("error_msg",
                "The API does not exist or has not been published in the environment")
                .put("error_code", "APIGW.0101").put("request_id", requestId()));
    }

    private Reply create(Exchange ex, Map<String, Auth> auths, String repoType, String tokenType) {
        JsonNode body = ex.json();
        if (body == null || !body.isObject()) {
            return error("SVCSTG.REPO.0400", "parameter invalid: the body is not a JSON object");
        }
        Set<String> types = "personal".equals(tokenType) ? PERSONAL_TYPES : PASSWORD_TYPES;
        if (!types.contains(repoType)) {
            return error("SVCSTG.REPO.0401", "repository not implemented");
        }
        String name = text(body, "name");
        String secret = text(body, "personal".equals(tokenType) ? "token" : "password");
        String user = text(body, "user");
        if (name == null || !NAME.matcher(name).matches() || secret == null || secret.isEmpty()
                || "password".equals(tokenType) && (user == null || user.isEmpty())) {
            return error("SVCSTG.REPO.0400", "parameter invalid");
        }
        if (auths.containsKey(name)) {
            return error("SVCSTG.REPO.0403", "resource already exist");
        }
        String host = text(body, "host");
        Auth a = new Auth();
        a.name = name;
        a.repoType = repoType;
        a.tokenType = tokenType;
        a.secret = secret;
        Optional<FakeUser> linked = "personal".equals(tokenType) ? linkedOwner(repoType, secret) : Optional.empty();
        String login = linked.map(FakeUser::login).orElse(user != null ? user : fromHost(host));
        a.repoUser = login;
        a.repoHost = switch (repoType) {
            case "github" -> "https://api.github.com";
            case "gitlab" -> host == null ? "https://gitlab.com" : host;
            case "gitee" -> "https://gitee.com";
            default -> host == null ? "https://" + repoType + ".example.com" : host;
        };
        a.repoHome = host != null && !"gitlab".equals(repoType) ? host : switch (repoType) {
            case "github" -> "https://github.com/" + login;
            case "gitee" -> "https://gitee.com/" + login;
            default -> a.repoHost + "/" + login;
        };
        String uid = linked.map(FakeUser::id).orElse("0");
        a.avatar = "github".equals(repoType) ? "https://avatars.githubusercontent.com/u/" + uid + "?v=4"
                : a.repoHost + "/uploads/-/system/user/avatar/" + uid + "/avatar.png";
        a.created = now().toEpochMilli();
        a.updated = a.created;
        auths.put(name, a);
        return Reply.json(200, Json.object().set("authorization", json(a, false)));
    }

    private ObjectNode json(Auth a, boolean listItem) {
        ObjectNode o = Json.object();
        o.put("name", a.name);
        o.put("repo_type", a.repoType);
        o.put("repo_host", a.repoHost);
        o.put("repo_home", a.repoHome);
        o.put("repo_user", a.repoUser);
        o.put("avartar", a.avatar);
        o.put("token_type", a.tokenType);
        o.put("create_time", a.created);
        o.put("update_time", a.updated);
        o.put("status", status(a));
        if (listItem) {
            o.putNull("tag");
        }
        return o;
    }

    private int status(Auth a) {
        if (!"personal".equals(a.tokenType)) {
            return 0;
        }
        TokenStanding s = standing(a.repoType, a.secret);
        return s == TokenStanding.REVOKED ? 2 : s == TokenStanding.EXPIRED ? 1 : 0;
    }

    private TokenStanding standing(String repoType, String secret) {
        FakeGitHub gh = github;
        FakeGitLab gl = gitlab;
        if ("github".equals(repoType) && gh != null) {
            return gh.standing(secret);
        }
        if ("gitlab".equals(repoType) && gl != null) {
            return gl.standing(secret);
        }
        return TokenStanding.UNKNOWN;
    }

    private Optional<FakeUser> linkedOwner(String repoType, String secret) {
        FakeGitHub gh = github;
        FakeGitLab gl = gitlab;
        if ("github".equals(repoType) && gh != null) {
            return gh.ownerOf(secret);
        }
        if ("gitlab".equals(repoType) && gl != null) {
            return gl.ownerOf(secret);
        }
        return Optional.empty();
    }

    private static String fromHost(String host) {
        if (host != null) {
            String path = URI.create(host).getPath();
            if (path != null) {
                String[] parts = path.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    if (!parts[i].isEmpty()) {
                        return parts[i];
                    }
                }
            }
        }
        return "fake-user";
    }

    // ---- IAM ---------------------------------------------------------------------------------------

    private Reply login(Exchange ex) {
        JsonNode body = ex.json();
        JsonNode identity = body == null ? null : body.path("auth").path("identity");
        JsonNode user = identity == null ? null : identity.path("password").path("user");
        String name = user == null ? null : text(user, "name");
        String password = user == null ? null : text(user, "password");
        String domain = user == null ? null : text(user.path("domain"), "name");
        if (name == null || password == null || domain == null) {
            return Reply.json(400, Json.object().set("error", Json.object().put("code", 400)
                    .put("message", "The request you have made requires authentication.").put("title", "Bad Request")));
        }
        String expected = iamUsers.get(domain + "/" + name);
        if (expected == null || !expected.equals(password)) {
            return Reply.json(401, Json.object().set("error", Json.object().put("code", 401)
                    .put("message", "The username or password is wrong.").put("title", "Unauthorized")));
        }
        String token = Secrets.iamToken();
        Instant expires = now().plus(IAM_LIFETIME);
        iamTokens.put(token, expires);
        String projectName = Optional.ofNullable(text(body.path("auth").path("scope").path("project"), "name"))
                .orElse(DEFAULT_REGION);
        ObjectNode t = Json.object();
        t.put("expires_at", expires.truncatedTo(ChronoUnit.MILLIS).toString());
        t.put("issued_at", now().truncatedTo(ChronoUnit.MILLIS).toString());
        t.set("methods", Json.array(List.of("password")));
        t.set("project", Json.object().put("id", DEFAULT_PROJECT_ID).put("name", projectName)
                .set("domain", Json.object().put("id", "d0000000000000000000000000000001").put("name", domain)));
        t.set("user", Json.object().put("id", "u" + Integer.toHexString(name.hashCode())).put("name", name)
                .set("domain", Json.object().put("id", "d0000000000000000000000000000001").put("name", domain)));
        t.set("catalog", Json.MAPPER.createArrayNode());
        return Reply.json(201, Json.object().set("token", t)).header("X-Subject-Token", token);
    }

    private Reply listProjects(Exchange ex) {
        String name = ex.queryParam("name");
        ArrayNode list = Json.MAPPER.createArrayNode();
        if (name == null || DEFAULT_REGION.equals(name)) {
            list.add(Json.object().put("id", DEFAULT_PROJECT_ID).put("name", DEFAULT_REGION)
                    .put("domain_id", "d0000000000000000000000000000001").put("enabled", true)
                    .put("is_domain", false).put("parent_id", "d0000000000000000000000000000001")
                    .put("description", ""));
        }
        ObjectNode o = Json.object();
        o.set("projects", list);
        o.set("links", Json.object().put("self", ex.urlWithoutQuery()));
        return Reply.json(200, o);
    }

    /** @return null when the request is authenticated, else the gateway's 401 */
    private Reply authenticate(Exchange ex) {
        String token = ex.header("X-Auth-Token");
        if (token != null) {
            Instant expires = iamTokens.get(token);
            if (expires == null) {
                return gateway("Incorrect IAM authentication information: verify token fail");
            }
            if (!now().isBefore(expires)) {
                return gateway("Incorrect IAM authentication information: The token must be updated.");
            }
            return null;
        }
        String authz = ex.header("Authorization");
        if (authz == null) {
            return gateway("Incorrect IAM authentication information: Authorization not found.");
        }
        SdkSignature.Parsed sig = SdkSignature.parse(authz);
        if (sig == null) {
            return gateway("Incorrect IAM authentication information: Authorization format error.");
        }
        String date = ex.header("X-Sdk-Date");
        if (date == null || !SDK_DATE.matcher(date).matches()) {
            return gateway("Incorrect IAM authentication information: x-sdk-date not found or malformed.");
        }
        Instant signedAt = Instant.from(SDK_DATE_FORMAT.parse(date));
        if (Duration.between(signedAt, now()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return gateway("Incorrect IAM authentication information: signature expired, signature time:" + date
                    + ", server time:" + SDK_DATE_FORMAT.format(now()));
        }
        String sk = accessKeys.get(sig.accessKey());
        if (sk == null) {
            return gateway("Incorrect IAM authentication information: ak " + sig.accessKey() + " not exist");
        }
        if (verifySignatures) {
            String expected = SdkSignature.sign(ex, sig.signedHeaders(), date, sk);
            if (!expected.equals(sig.signature())) {
                return gateway("Incorrect IAM authentication information: verify aksk signature fail, canonicalRequest:"
                        + SdkSignature.canonicalRequest(ex, sig.signedHeaders()).replace("\n", "|"));
            }
        }
        return null;
    }

    private static Reply gateway(String message) {
        return Reply.json(401, Json.object().put("error_msg", message).put("error_code", "APIGW.0301")
                .put("request_id", requestId()));
    }

    private static Reply error(String code, String message) {
        return Reply.json(400, Json.object().put("error_code", code).put("error_message", message));
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v != null && v.isValueNode() && !v.isNull() ? v.asText() : null;
    }
}
