package dev.patkit.servicestage.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;

/**
 * The fields of one ServiceStage authorization record (reference B.4), read either from a tree
 * (a create's answer) or straight from a parser, field by field, with no tree in between (a list's
 * records). Both readings give the same values: a text field only when it is a JSON string, the
 * status only when it is a number that fits an {@code int}, the times as {@link #instant} decides;
 * for a repeated key the last one counts; anything else is absent. Each field is null when absent.
 */
record RecordFields(String name, String repoType, String tokenType, String repoHost, String repoHome, String repoUser,
        String avartar, String avatar, Instant createTime, Instant updateTime, Integer status, String tag) {

    /** @return the fields of a record in a tree (a node that is not an object has none) */
    static RecordFields of(JsonNode n) {
        return new RecordFields(text(n, "name"), text(n, "repo_type"), text(n, "token_type"), text(n, "repo_host"),
                text(n, "repo_home"), text(n, "repo_user"), text(n, "avartar"), text(n, "avatar"),
                instant(n.get("create_time")), instant(n.get("update_time")),
                n.path("status").isNumber() && n.path("status").canConvertToInt() ? n.path("status").asInt() : null,
                text(n, "tag"));
    }

    /**
     * Reads the record whose first token is the parser's current one, up to and including its last.
     *
     * @param p a parser on the record's first token
     * @return its fields
     * @throws IOException if the JSON is malformed
     */
    static RecordFields read(JsonParser p) throws IOException {
        String name = null, repoType = null, tokenType = null, repoHost = null, repoHome = null, repoUser = null;
        String avartar = null, avatar = null, tag = null;
        Instant created = null, updated = null;
        Integer status = null;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new RecordFields(null, null, null, null, null, null, null, null, null, null, null, null);
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "name" -> name = text(p, t);
                case "repo_type" -> repoType = text(p, t);
                case "token_type" -> tokenType = text(p, t);
                case "repo_host" -> repoHost = text(p, t);
                case "repo_home" -> repoHome = text(p, t);
                case "repo_user" -> repoUser = text(p, t);
                case "avartar" -> avartar = text(p, t);
                case "avatar" -> avatar = text(p, t);
                case "tag" -> tag = text(p, t);
                case "create_time" -> created = instant(p, t);
                case "update_time" -> updated = instant(p, t);
                case "status" -> status = integer(p, t);
                default -> p.skipChildren();
            }
        }
        return new RecordFields(name, repoType, tokenType, repoHost, repoHome, repoUser, avartar, avatar, created,
                updated, status, tag);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        p.skipChildren();
        return null;
    }

    /** As {@code JsonNode.canConvertToInt()} and {@code asInt()} decide for a number; null otherwise. */
    private static Integer integer(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            double d = p.getDoubleValue();
            return d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE ? (int) d : null;
        }
        p.skipChildren();
        return null;
    }

    /** As {@link #instant(JsonNode)} decides for the same value. */
    private static Instant instant(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_NUMBER_INT:
                return epoch(p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? p.getBigIntegerValue().longValue() : p.getLongValue());
            case VALUE_NUMBER_FLOAT:
                return epoch((long) p.getDoubleValue());
            case VALUE_STRING:
                return parsed(p.getText());
            default:
                p.skipChildren();
                return null;
        }
    }

    /**
     * A ServiceStage timestamp. The unit is UNVERIFIED: the documented examples are epoch
     * milliseconds (13 digits), so values below 10^11 are taken as seconds (10^11 ms is 1973).
     */
    static Instant instant(JsonNode v) {
        if (v == null || !v.isNumber() && !v.isTextual()) {
            return null;
        }
        return v.isNumber() ? epoch(v.asLong()) : parsed(v.asText());
    }

    private static Instant parsed(String text) {
        try {
            return epoch(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant epoch(long n) {
        if (n <= 0) {
            return null;
        }
        return n < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
    }
}
