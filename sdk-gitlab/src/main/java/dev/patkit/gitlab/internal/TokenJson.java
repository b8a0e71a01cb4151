package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.CreatedToken;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.Owner;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.Scopes;
import dev.patkit.core.Token;
import dev.patkit.core.ValueSource;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.gitlab.GitLabAssociation;
import dev.patkit.gitlab.GitLabClient;
import dev.patkit.gitlab.GitLabScopes;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GitLab's token JSON: the field names of token records ({@code id}, {@code name},
 * {@code description}, {@code revoked}, {@code active}, {@code created_at}, {@code scopes},
 * {@code user_id}, {@code last_used_at}, {@code last_used_ips}, {@code expires_at},
 * {@code access_level}, {@code impersonation}, {@code granular_scopes}, and {@code token} on create
 * and rotate only) and of the associations document, and how they become core values.
 *
 * <p>Every field but {@code id} is optional (older GitLab lacks {@code description},
 * {@code last_used_at}, {@code last_used_ips}); unknown fields are kept in
 * {@link Authorization#raw()}. A granular (fine-grained) token is one with {@code "granular": true}
 * or scopes {@code ["granular"]} (github-gitlab.md, GitLab §4, granular tokens on GitLab.com).
 * Expiry follows GitLab's rule: a token with {@code expires_at}
 * {@code D} stops working at {@code D}T00:00Z.
 */
final class TokenJson {

    private static final String ID = "id";
    private static final String NAME = "name";
    private static final String REVOKED = "revoked";
    private static final String ACTIVE = "active";
    private static final String CREATED_AT = "created_at";
    private static final String SCOPES = "scopes";
    private static final String USER_ID = "user_id";
    private static final String LAST_USED_AT = "last_used_at";
    private static final String LAST_USED_IPS = "last_used_ips";
    private static final String EXPIRES_AT = "expires_at";
    private static final String IMPERSONATION = "impersonation";
    private static final String TOKEN = "token";
    private static final String GRANULAR = "granular";

    private final URI host;
    private final Clock clock;
    private final java.util.function.Supplier<ObjectMapper> mapper;

    TokenJson(URI host, Clock clock, ObjectMapper mapper) {
        this(host, clock, () -> mapper);
    }

    /** Takes the mapper lazily: clients are built on paths that never parse JSON (git credentials). */
    TokenJson(URI host, Clock clock, java.util.function.Supplier<ObjectMapper> mapper) {
        this.host = host;
        this.clock = clock;
        this.mapper = mapper;
    }

    /** How one endpoint family's records are read: the kind of token and of owner. */
    record Kind(String tokenKind, Owner.Kind ownerKind) {
        static final Kind PERSONAL = new Kind(GitLabClient.KIND_PERSONAL, Owner.Kind.USER);
        static final Kind IMPERSONATION = new Kind(GitLabClient.KIND_IMPERSONATION, Owner.Kind.USER);
        static final Kind PROJECT = new Kind(GitLabClient.KIND_PROJECT, Owner.Kind.BOT);
        static final Kind GROUP = new Kind(GitLabClient.KIND_GROUP, Owner.Kind.BOT);
        static final Kind SERVICE_ACCOUNT = new Kind(GitLabClient.KIND_SERVICE_ACCOUNT, Owner.Kind.SERVICE_ACCOUNT);
    }

    /**
     * One token record, read from the body's bytes without a tree: fields go straight into the
     * {@link Authorization}, and {@link Authorization#raw()} is read from the record's own bytes
     * only when asked for.
     */
    Authorization authorization(ApiResponse response, Kind kind) {
        byte[] body = response.body();
        try (JsonParser p = mapper.get().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notShaped(response.context(), "a token record with an 'id'");
            }
            return record(p, body, kind, response.context());
        } catch (IOException e) {
            // Malformed JSON: the tree reader raises the same error every JSON response gets.
            return authorization(response.json(), kind, response.context());
        }
    }

    /**
     * A page of token records, streamed from the body's bytes (no tree per page or per token).
     * Pages of lists are where mapping costs: a tree per page and a map per token were most of the
     * CPU and allocation of a listing.
     */
    List<Authorization> authorizations(ApiResponse response, Kind kind) {
        byte[] body = response.body();
        try (JsonParser p = mapper.get().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw notShaped(response.context(), "a JSON array of tokens");
            }
            List<Authorization> out = new ArrayList<>();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw notShaped(response.context(), "a token record with an 'id'");
                }
                out.add(record(p, body, kind, response.context()));
            }
            return out;
        } catch (IOException e) {
            return treeAuthorizations(response.json(), kind, response.context());
        }
    }

    private List<Authorization> treeAuthorizations(JsonNode array, Kind kind, ErrorContext context) {
        if (!array.isArray()) {
            throw notShaped(context, "a JSON array of tokens");
        }
        List<Authorization> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(authorization(n, kind, context));
        }
        return out;
    }

    /** Reads one record, the parser on its {@code START_OBJECT}, and leaves it on the {@code END_OBJECT}. */
    private Authorization record(JsonParser p, byte[] body, Kind kind, ErrorContext context) throws IOException {
        int start = (int) p.currentTokenLocation().getByteOffset();
        Fields f = new Fields();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case ID -> f.id = v == JsonToken.VALUE_NULL ? null : v.isScalarValue() ? scalar(p, v) : skip(p, "");
                case NAME -> f.name = scalarText(p, v);
                case USER_ID -> f.userId = scalarText(p, v);
                case EXPIRES_AT -> f.expiresAt = scalarText(p, v);
                case CREATED_AT -> f.createdAt = scalarText(p, v);
                case LAST_USED_AT -> f.lastUsedAt = scalarText(p, v);
                case SCOPES -> f.scopes = textArray(p, v);
                case LAST_USED_IPS -> f.ips = textArray(p, v);
                case REVOKED -> f.revoked = bool(p, v);
                case IMPERSONATION -> f.impersonation = bool(p, v);
                case GRANULAR -> f.granular = bool(p, v);
                case ACTIVE -> f.active = v == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : skip(p, null);
                default -> skipValue(p);
            }
        }
        int end = (int) p.currentLocation().getByteOffset();
        if (f.id == null) {
            throw notShaped(context, "a token record with an 'id'");
        }
        return build(f, kind, context, () -> toMap(body, start, end - start));
    }

    private static <T> T skip(JsonParser p, T value) throws IOException {
        skipValue(p);
        return value;
    }

    /**
     * Skips the current value, reading every string in it: the parser checks a string against the
     * mapper's read limits only when it reads it, and a value skipped unread must fail those limits
     * as it does in a tree.
     */
    private static void skipValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            p.getTextLength();
            return;
        }
        if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
            return;
        }
        for (int depth = 1; depth > 0;) {
            JsonToken n = p.nextToken();
            if (n == null) {
                throw new com.fasterxml.jackson.core.io.JsonEOFException(p, null, "the document ends inside a value");
            }
            if (n.isStructStart()) {
                depth++;
            } else if (n.isStructEnd()) {
                depth--;
            } else if (n == JsonToken.VALUE_STRING) {
                p.getTextLength();
            }
        }
    }

    /** As {@link #text(JsonNode, String)}: null for null and containers, else the value's text. */
    private static String scalarText(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!v.isScalarValue()) {
            skipValue(p);
            return null;
        }
        return scalar(p, v);
    }

    /** A scalar's text as {@code JsonNode.asText()} gives it. */
    private static String scalar(JsonParser p, JsonToken v) throws IOException {
        return v == JsonToken.VALUE_STRING || v == JsonToken.VALUE_NUMBER_INT ? p.getText()
                : ((JsonNode) p.readValueAsTree()).asText();
    }

    /** As {@code JsonNode.asBoolean(false)}. */
    private static boolean bool(JsonParser p, JsonToken v) throws IOException {
        if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
            return v == JsonToken.VALUE_TRUE;
        }
        return ((JsonNode) p.readValueAsTree()).asBoolean(false);
    }

    /** The texts of an array's elements (as {@code asText()}), or null when the value is not an array. */
    private static List<String> textArray(JsonParser p, JsonToken v) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            skipValue(p);
            return null;
        }
        List<String> out = new ArrayList<>(4);
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(t.isScalarValue() ? scalar(p, t) : ((JsonNode) p.readValueAsTree()).asText());
        }
        return out;
    }

    CreatedToken created(ApiResponse response, Kind kind) {
        JsonNode n = response.json();
        JsonNode secret = n.path(TOKEN);
        if (!secret.isTextual() || secret.asText().isEmpty()) {
            throw notShaped(response.context(), "a token record with its new 'token'");
        }
        Authorization record = authorization(n, kind, response.context());
        Token token;
        try {
            token = Token.of(secret.asText());
        } catch (RuntimeException e) {
            // Not attached: nothing about the secret may reach a message.
            throw new ResponseParseException("The " + record.provider() + " response to '"
                    + response.context().operation() + "' holds a new token that is not valid token text",
                    response.context());
        }
        return new CreatedToken(record, token);
    }

    Authorization authorization(JsonNode n, Kind kind, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "a token record with an 'id'");
        }
        Fields f = new Fields();
        f.id = n.get(ID).asText();
        f.name = text(n, NAME);
        f.userId = text(n, USER_ID);
        f.expiresAt = text(n, EXPIRES_AT);
        f.createdAt = text(n, CREATED_AT);
        f.lastUsedAt = text(n, LAST_USED_AT);
        f.scopes = texts(n.path(SCOPES));
        f.ips = texts(n.path(LAST_USED_IPS));
        f.revoked = n.path(REVOKED).asBoolean(false);
        f.impersonation = n.path(IMPERSONATION).asBoolean(false);
        f.granular = n.path(GRANULAR).asBoolean(false);
        JsonNode active = n.path(ACTIVE);
        f.active = active.isBoolean() ? active.asBoolean() : null;
        return build(f, kind, context, () -> toMap(n));
    }

    private static List<String> texts(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    /** The fields of a token record that become the {@link Authorization}, however they were read. */
    private static final class Fields {
        String id;
        String name;
        String userId;
        String expiresAt;
        String createdAt;
        String lastUsedAt;
        /** Null when the record has no array there. */
        List<String> scopes;
        List<String> ips;
        boolean revoked;
        boolean impersonation;
        boolean granular;
        /** Null when the record has no boolean {@code active}. */
        Boolean active;
    }

    private Authorization build(Fields f, Kind kind, ErrorContext context,
            java.util.function.Supplier<Map<String, Object>> raw) {
        Authorization.Builder b = Authorization.builder("gitlab", host)
                .tokenId(f.id)
                .tokenName(f.name)
                .clock(clock);
        if (f.userId != null) {
            b.owner(Owner.of(f.userId, null, null, kind.ownerKind()), ValueSource.SERVER);
        }
        if (f.granular || (f.scopes != null && f.scopes.size() == 1 && GRANULAR.equals(f.scopes.get(0)))) {
            // A granular token's "scopes" is ["granular"]: its permissions are in granular_scopes, so
            // whether it may do X has no yes/no answer (GitLabGranularScope reads them).
            b.scopes(Scopes.unknown(), ValueSource.SERVER);
        } else if (f.scopes != null) {
            b.scopes(Scopes.of(f.scopes, GitLabScopes.CATALOGUE), ValueSource.SERVER);
        }
        LocalDate expiresOn = date(f.expiresAt, EXPIRES_AT, context);
        Instant expiresAt = expiresOn == null ? null : expiresOn.atStartOfDay(ZoneOffset.UTC).toInstant();
        b.expiresAt(expiresAt, ValueSource.SERVER);
        b.status(status(f, expiresAt));
        b.createdAt(instant(f.createdAt, CREATED_AT, context));
        b.lastUsedAt(instant(f.lastUsedAt, LAST_USED_AT, context));
        if (f.ips != null) {
            b.lastUsedFrom(f.ips);
        }
        b.tokenKind(f.impersonation ? GitLabClient.KIND_IMPERSONATION : kind.tokenKind());
        b.raw(raw);
        return b.build();
    }

    /**
     * The owner of an inspected token from {@code GET /user}: its id, {@code username} and
     * {@code name}; a user flagged {@code "bot": true} (the bot of a project or group token) is a
     * {@link Owner.Kind#BOT}.
     *
     * @param response the {@code /user} response
     * @param kind the kind from the token record
     * @return the owner, or null when the document has no id
     */
    Owner user(ApiResponse response, Owner.Kind kind) {
        JsonNode n = response.json();
        if (!n.isObject() || !n.hasNonNull(ID)) {
            return null;
        }
        Owner.Kind k = n.path("bot").asBoolean(false) && kind == Owner.Kind.USER ? Owner.Kind.BOT : kind;
        return Owner.of(n.get(ID).asText(), text(n, "username"), text(n, NAME), k);
    }

    /**
     * GitLab's standing: revoked, else inactive and not revoked means expired, else active. When an
     * old GitLab leaves out {@code active}, the expiry date decides.
     */
    private AuthorizationStatus status(Fields f, Instant expiresAt) {
        if (f.revoked) {
            return AuthorizationStatus.REVOKED;
        }
        if (f.active != null) {
            return f.active ? AuthorizationStatus.ACTIVE : AuthorizationStatus.EXPIRED;
        }
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            return AuthorizationStatus.EXPIRED;
        }
        return AuthorizationStatus.ACTIVE;
    }

    List<dev.patkit.gitlab.GitLabServiceAccount> serviceAccounts(ApiResponse response) {
        JsonNode array = response.json();
        if (!array.isArray()) {
            throw notShaped(response.context(), "a JSON array of service accounts");
        }
        List<dev.patkit.gitlab.GitLabServiceAccount> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(serviceAccount(n, response.context()));
        }
        return out;
    }

    dev.patkit.gitlab.GitLabServiceAccount serviceAccount(JsonNode n, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "a service account with an 'id'");
        }
        return new dev.patkit.gitlab.GitLabServiceAccount(n.get(ID).asText(), Optional.ofNullable(text(n, "username")),
                Optional.ofNullable(text(n, NAME)), Optional.ofNullable(text(n, "email")), toMap(n));
    }

    List<GitLabAssociation> associations(ApiResponse response) {
        JsonNode n = response.json();
        if (!n.isObject()) {
            throw notShaped(response.context(), "an object with 'groups' and 'projects'");
        }
        List<GitLabAssociation> out = new ArrayList<>();
        for (JsonNode g : n.path("groups")) {
            out.add(association(GitLabAssociation.Type.GROUP, g, null, response.context()));
        }
        for (JsonNode p : n.path("projects")) {
            out.add(association(GitLabAssociation.Type.PROJECT, p, text(p, "path_with_namespace"), response.context()));
        }
        return out;
    }

    private GitLabAssociation association(GitLabAssociation.Type type, JsonNode n, String path, ErrorContext context) {
        if (!n.isObject() || !n.hasNonNull(ID)) {
            throw notShaped(context, "associations with an 'id'");
        }
        String name = Optional.ofNullable(text(n, "name_with_namespace")).orElse(Optional.ofNullable(text(n, NAME)).orElse(""));
        return new GitLabAssociation(type, n.get(ID).asText(), name, Optional.ofNullable(path),
                Optional.ofNullable(text(n, "web_url")), toMap(n));
    }

    /** The provider's fields of one record, read from its own bytes in the page. */
    private Map<String, Object> toMap(byte[] body, int offset, int length) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = mapper.get().readValue(body, offset, length, LinkedHashMap.class);
            return map;
        } catch (IOException e) {
            // Unreachable: these bytes were parsed once already. Not attached: it may quote a value.
            throw new IllegalStateException("A token record could not be read again (" + e.getClass().getSimpleName() + ")");
        }
    }

    Map<String, Object> toMap(JsonNode n) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.get().convertValue(n, LinkedHashMap.class);
        return map;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    private static LocalDate date(String v, String field, ErrorContext context) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            // Some versions may send a datetime here; only its date part counts.
            if (v.length() >= 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
                int year = digits(v, 0, 4);
                int month = digits(v, 5, 7);
                int day = digits(v, 8, 10);
                if (year >= 0 && month >= 0 && day >= 0) {
                    return LocalDate.of(year, month, day);
                }
            }
            return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
        } catch (java.time.DateTimeException e) {
            throw badField(context, field, "a date (YYYY-MM-DD)");
        }
    }

    private static Instant instant(String v, String field, ErrorContext context) {
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            Instant fast = utcInstant(v);
            return fast != null ? fast : OffsetDateTime.parse(v).toInstant();
        } catch (java.time.DateTimeException e) {
            throw badField(context, field, "an ISO 8601 date-time");
        }
    }

    /**
     * Parses GitLab's usual UTC shape, {@code yyyy-MM-ddTHH:mm:ss[.fraction]Z}, without a formatter
     * (the formatter was a third of the time spent mapping a page of tokens).
     *
     * @param v the text
     * @return the instant, or null when the text has another shape (the caller falls back)
     * @throws java.time.DateTimeException when the shape fits but a field is out of range
     */
    static Instant utcInstant(String v) {
        int len = v.length();
        if (len < 20 || len > 30 || v.charAt(len - 1) != 'Z' || v.charAt(4) != '-' || v.charAt(7) != '-'
                || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (len > 20) {
            if (v.charAt(19) != '.' || len == 21) {
                return null;
            }
            int digits = len - 21;
            if (digits > 9) {
                return null;
            }
            int f = digits(v, 20, len - 1);
            if (f < 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                f *= 10;
            }
            nanos = f;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new java.time.DateTimeException("time out of range");
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** @return the decimal number in {@code v[from, to)}, or -1 when a character is not a digit */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    // The parse exceptions are not attached: their messages quote the value.
    private static ResponseParseException badField(ErrorContext context, String field, String expected) {
        return new ResponseParseException("The gitlab response to '" + context.operation() + "' has a '" + field
                + "' that is not " + expected, context);
    }

    private static ResponseParseException notShaped(ErrorContext context, String expected) {
        return new ResponseParseException("The gitlab response to '" + context.operation() + "' is not " + expected,
                context);
    }
}
