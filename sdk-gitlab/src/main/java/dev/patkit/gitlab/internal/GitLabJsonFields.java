package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.ResponseParseException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a GitLab token record ({@code id}, {@code name}, {@code revoked}, {@code active},
 * {@code created_at}, {@code scopes}, {@code user_id}, {@code last_used_at}, {@code last_used_ips},
 * {@code expires_at}, {@code impersonation}, {@code granular}) and how each value is read: from a
 * parser positioned in the body's bytes (pages, with no tree) or from a tree, with the same result,
 * and GitLab's dates and times. {@link GitLabJson} turns them into core values.
 */
final class GitLabJsonFields {

    static final String ID = "id";
    static final String NAME = "name";
    static final String TOKEN = "token";
    static final String GRANULAR = "granular";
    private static final String REVOKED = "revoked";
    private static final String ACTIVE = "active";
    private static final String CREATED_AT = "created_at";
    private static final String SCOPES = "scopes";
    private static final String USER_ID = "user_id";
    private static final String LAST_USED_AT = "last_used_at";
    private static final String LAST_USED_IPS = "last_used_ips";
    private static final String EXPIRES_AT = "expires_at";
    private static final String IMPERSONATION = "impersonation";

    // The raw texts of one record, however they were read; null where the record has none.
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

    private GitLabJsonFields() {}

    /** Reads one record, the parser on its {@code START_OBJECT}, and leaves it on the {@code END_OBJECT}. */
    static GitLabJsonFields read(JsonParser p) throws IOException {
        GitLabJsonFields f = new GitLabJsonFields();
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
        return f;
    }

    /** Reads one record from a tree, exactly as {@link #read(JsonParser)} reads its bytes. */
    static GitLabJsonFields read(JsonNode n) {
        GitLabJsonFields f = new GitLabJsonFields();
        f.id = n.hasNonNull(ID) ? n.get(ID).asText() : null;
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
        return f;
    }

    /** @return {@code expires_at} as a date, or null */
    LocalDate expiresOn(ErrorContext context) {
        return date(expiresAt, EXPIRES_AT, context);
    }

    /** @return {@code created_at}, or null */
    Instant created(ErrorContext context) {
        return instant(createdAt, CREATED_AT, context);
    }

    /** @return {@code last_used_at}, or null */
    Instant lastUsed(ErrorContext context) {
        return instant(lastUsedAt, LAST_USED_AT, context);
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
    static void skipValue(JsonParser p) throws IOException {
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

    private static List<String> texts(JsonNode array) {
        if (!array.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(s -> out.add(s.asText()));
        return out;
    }

    /** @return the field's text; null when it is missing, null or a container */
    static String text(JsonNode n, String field) {
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

    // Not attached to a cause: a parser's message quotes the value.
    private static ResponseParseException badField(ErrorContext context, String field, String expected) {
        return new ResponseParseException("The gitlab response to '" + context.operation() + "' has a '" + field
                + "' that is not " + expected, context);
    }
}
