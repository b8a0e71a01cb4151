package dev.patkit.github.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.JsonRecords;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The four fields of {@code GET /user} an inspection uses, read straight from the body's bytes (the
 * answer carries some thirty fields, mostly URLs; a tree of them was most of an inspection's
 * allocation), and every field read again from the bytes only if {@code raw()} is asked for.
 * Values read as {@link GitHubJson#text}: a string, number or boolean as text; null, absent or a
 * container as null; a repeated key's last value.
 */
record GitHubUser(String id, String login, String name, String type, Supplier<Map<String, Object>> fields) {

    static GitHubUser read(ApiResponse r) {
        byte[] body = r.body();
        try (JsonParser p = r.mapper().getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return fromTree(r);
            }
            int start = JsonRecords.start(p);
            String id = null;
            String login = null;
            String name = null;
            String type = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                String text;
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    text = null;
                } else {
                    text = v == JsonToken.VALUE_NULL ? null : p.getText();
                }
                switch (field) {
                    case "id" -> id = text;
                    case "login" -> login = text;
                    case "name" -> name = text;
                    case "type" -> type = text;
                    default -> { }
                }
            }
            if (p.nextToken() != null) {
                return fromTree(r); // trailing content: the tree reader decides, as for every answer
            }
            return new GitHubUser(id, login, name, type, JsonRecords.fields(r.mapper(), body, start, JsonRecords.end(p)));
        } catch (IOException e) {
            return fromTree(r); // malformed: the tree reader raises the error every JSON answer gets
        }
    }

    private static GitHubUser fromTree(ApiResponse r) {
        JsonNode user = r.json();
        return new GitHubUser(GitHubJson.text(user, "id"), GitHubJson.text(user, "login"), GitHubJson.text(user, "name"),
                GitHubJson.text(user, "type"), () -> user.isObject() ? asMap(r, user) : new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(ApiResponse r, JsonNode user) {
        return new LinkedHashMap<>(r.mapper().convertValue(user, Map.class));
    }
}
