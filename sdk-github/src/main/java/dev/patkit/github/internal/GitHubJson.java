package dev.patkit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Owner;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.TokenKind;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.github.FineGrainedTokenGrant;
import dev.patkit.github.FineGrainedTokenRequest;
import dev.patkit.github.GitHubRateLimits;
import dev.patkit.github.GitHubRepository;
import dev.patkit.github.GitHubScopes;
import dev.patkit.github.GitHubSso;
import java.net.URI;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub's response contract: the headers and JSON fields Patkit reads, and how they become
 * Patkit's values. Lenient: missing optional fields give empty values, unknown fields are kept in
 * {@code raw}.
 */
public final class GitHubJson {

    /** Scopes of a classic token or OAuth token, comma separated. */
    public static final String OAUTH_SCOPES = "X-OAuth-Scopes";
    /** The token's expiry; absent for tokens that never expire. */
    public static final String TOKEN_EXPIRATION = "GitHub-Authentication-Token-Expiration";
    /** SAML SSO state. */
    public static final String SSO = "X-GitHub-SSO";

    private static final Logger LOG = LoggerFactory.getLogger(GitHubJson.class);

    /** {@code 2021-09-03 14:34:04 UTC}. */
    private static final DateTimeFormatter EXPIRY_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    /** {@code 2023-04-26 20:23:26 +0200}. */
    private static final DateTimeFormatter EXPIRY_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z", Locale.ROOT);

    private GitHubJson() {}

    /**
     * Parses {@code GitHub-Authentication-Token-Expiration} in either form seen in the wild.
     *
     * @param value the header value
     * @return the instant, or empty when it cannot be parsed
     */
    public static Optional<Instant> parseExpiry(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        int space = v.lastIndexOf(' ');
        if (space < 0) {
            return Optional.empty();
        }
        char sign = space + 1 < v.length() ? v.charAt(space + 1) : ' ';
        if (v.length() == 23 && v.endsWith(" UTC") && v.charAt(4) == '-' && v.charAt(7) == '-' && v.charAt(10) == ' '
                && v.charAt(13) == ':' && v.charAt(16) == ':') {
            // The form GitHub sends: read in place, without a formatter (it was a tenth of an inspection's allocation).
            try {
                return Optional.of(LocalDateTime.of(digits(v, 0, 4), digits(v, 5, 2), digits(v, 8, 2), digits(v, 11, 2),
                        digits(v, 14, 2), digits(v, 17, 2)).toInstant(ZoneOffset.UTC));
            } catch (DateTimeException | NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(sign == '+' || sign == '-' ? OffsetDateTime.parse(v, EXPIRY_OFFSET).toInstant()
                    : ZonedDateTime.parse(v, EXPIRY_ZONE).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** ASCII digits at a position of {@code yyyy-MM-dd HH:mm:ss}; anything else is refused. */
    private static int digits(String v, int at, int count) {
        int n = 0;
        for (int i = at; i < at + count; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException("not a digit");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /**
     * Whether GitHub reports scopes for a token of this kind in {@code X-OAuth-Scopes}.
     * Fine-grained and GitHub App tokens have permissions, which no header lists.
     *
     * @param kind the token's recognised kind
     * @return true for classic, OAuth and legacy tokens, and for unrecognised ones
     */
    static boolean reportsScopes(TokenKind kind) {
        return switch (kind) {
            case GITHUB_FINE_GRAINED_PAT, GITHUB_APP_INSTALLATION, GITHUB_APP_USER, GITHUB_APP_REFRESH -> false;
            default -> true;
        };
    }

    /**
     * Maps {@code GET /user} and its headers onto an authorization.
     *
     * @param r the response
     * @param host the API base
     * @param token the token that was inspected
     * @return the authorization
     */
    public static Authorization inspection(ApiResponse r, URI host, Token token) {
        GitHubUser user = GitHubUser.read(r);
        Authorization.Builder b = Authorization.builder("github", host)
                .status(AuthorizationStatus.ACTIVE)
                .tokenKind(token.kind().name());
        if (user.id() != null) {
            b.owner(new Owner(user.id(), Optional.ofNullable(user.login()), Optional.ofNullable(user.name()),
                    ownerKind(user.type())), ValueSource.SERVER);
        }
        Optional<String> scopeHeader = r.headers().first(OAUTH_SCOPES);
        if (reportsScopes(token.kind()) && scopeHeader.isPresent()) {
            b.scopes(Scopes.of(List.of(scopeHeader.get().split(",")), GitHubScopes.CATALOGUE), ValueSource.SERVER);
        } else {
            b.scopes(Scopes.unknown(), ValueSource.SERVER);
        }
        Optional<String> expiry = r.headers().first(TOKEN_EXPIRATION);
        if (expiry.isPresent()) {
            Optional<Instant> at = parseExpiry(expiry.get());
            if (at.isPresent()) {
                b.expiresAt(at.get(), ValueSource.SERVER);
            } else {
                LOG.debug("github: could not parse the {} header; the expiry is unknown", TOKEN_EXPIRATION);
            }
        }
        Optional<String> sso = r.headers().first(SSO);
        Optional<String> expiryHeader = expiry;
        b.raw(() -> {
            Map<String, Object> raw = new LinkedHashMap<>(user.fields().get());
            sso.ifPresent(v -> raw.put(GitHubSso.RAW_KEY, v));
            expiryHeader.ifPresent(v -> raw.put(TOKEN_EXPIRATION.toLowerCase(Locale.ROOT), v));
            return raw;
        });
        return b.build();
    }

    /**
     * The authorization of a token GitHub rejected with 401.
     *
     * @param host the API base
     * @param token the token
     * @return an {@link AuthorizationStatus#INVALID} authorization
     */
    public static Authorization invalid(URI host, Token token) {
        return Authorization.builder("github", host)
                .status(AuthorizationStatus.INVALID)
                .tokenKind(token.kind().name())
                .scopes(Scopes.unknown(), ValueSource.SERVER)
                .build();
    }

    static Owner.Kind ownerKind(String type) {
        if (type == null) {
            return Owner.Kind.UNKNOWN;
        }
        return switch (type) {
            case "User" -> Owner.Kind.USER;
            case "Bot" -> Owner.Kind.BOT;
            default -> Owner.Kind.UNKNOWN;
        };
    }

    /**
     * Maps {@code GET /rate_limit}: {@code resources.<name>.{limit, remaining, used, reset}}.
     *
     * @param r the response
     * @return the budgets
     */
    public static GitHubRateLimits rateLimits(ApiResponse r) {
        Instant now = r.clock().instant();
        Map<String, RateLimitSnapshot> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : r.json().path("resources").properties()) {
            JsonNode n = e.getValue();
            OptionalLong reset = number(n, "reset");
            out.put(e.getKey(), new RateLimitSnapshot(number(n, "limit"), number(n, "remaining"),
                    reset.isPresent() ? Optional.of(Instant.ofEpochSecond(reset.getAsLong())) : Optional.empty(),
                    Optional.of(e.getKey()), now));
        }
        return new GitHubRateLimits(out, now);
    }

    /**
     * Maps one page of grants.
     *
     * @param r the response
     * @return the grants
     */
    public static List<FineGrainedTokenGrant> grants(ApiResponse r) {
        List<FineGrainedTokenGrant> out = new ArrayList<>();
        for (JsonNode n : r.json()) {
            out.add(new FineGrainedTokenGrant(n.path("id").asLong(), owner(n.path("owner")),
                    n.path("repository_selection").asText(""), permissions(n.path("permissions")),
                    instant(n, "access_granted_at"), optionalLong(n, "token_id"), Optional.ofNullable(text(n, "token_name")),
                    n.path("token_expired").asBoolean(false), instant(n, "token_expires_at"),
                    instant(n, "token_last_used_at"), map(r.mapper(), n)));
        }
        return out;
    }

    /**
     * Maps one page of requests.
     *
     * @param r the response
     * @return the requests
     */
    public static List<FineGrainedTokenRequest> requests(ApiResponse r) {
        List<FineGrainedTokenRequest> out = new ArrayList<>();
        for (JsonNode n : r.json()) {
            out.add(new FineGrainedTokenRequest(n.path("id").asLong(), owner(n.path("owner")),
                    Optional.ofNullable(text(n, "reason")), n.path("repository_selection").asText(""),
                    permissions(n.path("permissions")), instant(n, "created_at"), optionalLong(n, "token_id"),
                    Optional.ofNullable(text(n, "token_name")), n.path("token_expired").asBoolean(false),
                    instant(n, "token_expires_at"), instant(n, "token_last_used_at"), map(r.mapper(), n)));
        }
        return out;
    }

    /**
     * Maps one page of minimal repositories.
     *
     * @param r the response
     * @return the repositories
     */
    public static List<GitHubRepository> repositories(ApiResponse r) {
        List<GitHubRepository> out = new ArrayList<>();
        for (JsonNode n : r.json()) {
            out.add(new GitHubRepository(n.path("id").asLong(), n.path("name").asText(""),
                    n.path("full_name").asText(""), n.path("private").asBoolean(false),
                    Optional.ofNullable(text(n.path("owner"), "login")), map(r.mapper(), n)));
        }
        return out;
    }

    private static Owner owner(JsonNode n) {
        String id = text(n, "id");
        return new Owner(id == null ? "" : id, Optional.ofNullable(text(n, "login")), Optional.ofNullable(text(n, "name")), ownerKind(text(n, "type")));
    }

    private static Map<String, Map<String, String>> permissions(JsonNode n) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> g : n.properties()) {
            Map<String, String> levels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> p : g.getValue().properties()) {
                levels.put(p.getKey(), p.getValue().asText());
            }
            out.put(g.getKey(), Map.copyOf(levels));
        }
        return out;
    }

    private static Optional<Instant> instant(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            LOG.debug("github: could not parse the time in '{}'", field);
            return Optional.empty();
        }
    }

    private static Optional<Long> optionalLong(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.canConvertToLong() ? Optional.empty() : Optional.of(v.asLong());
    }

    private static OptionalLong number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.canConvertToLong() ? OptionalLong.empty() : OptionalLong.of(v.asLong());
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(ObjectMapper mapper, JsonNode node) {
        if (!node.isObject()) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(mapper.convertValue(node, Map.class));
    }
}
