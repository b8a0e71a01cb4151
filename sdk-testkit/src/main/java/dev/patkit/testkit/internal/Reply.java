package dev.patkit.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response a fake computed: status, headers (several values per name allowed) and body. Mutable
 * while a handler builds it; not thread-safe.
 */
public final class Reply {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final int status;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final String body;
    private boolean json;

    private Reply(int status, String body) {
        this.status = status;
        this.body = body;
    }

    /**
     * @param status the status
     * @param json the body
     * @return a JSON reply
     */
    public static Reply json(int status, JsonNode json) {
        try {
            Reply r = new Reply(status, Json.MAPPER.writeValueAsString(json))
                    .header("Content-Type", "application/json; charset=utf-8");
            r.json = true;
            return r;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * @param status the status
     * @param jsonText the body, JSON text already
     * @return a JSON reply
     */
    public static Reply jsonText(int status, String jsonText) {
        Reply r = new Reply(status, jsonText).header("Content-Type", "application/json; charset=utf-8");
        r.json = true;
        return r;
    }

    /**
     * An HTTP date (RFC 9110 IMF-fixdate): {@code Sun, 01 Mar 2026 10:00:00 GMT}.
     *
     * @param instant the instant
     * @return its text
     */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /**
     * @param status the status
     * @param text the body
     * @return a plain-text reply
     */
    public static Reply text(int status, String text) {
        return new Reply(status, text).header("Content-Type", "text/plain; charset=utf-8");
    }

    /** @param status the status @return a reply without a body */
    public static Reply empty(int status) {
        return new Reply(status, null);
    }

    /**
     * Adds a header value.
     *
     * @param name the name
     * @param value the value; null adds nothing
     * @return this
     */
    public Reply header(String name, Object value) {
        if (value != null) {
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(String.valueOf(value));
        }
        return this;
    }

    /**
     * Replaces every value of a header (any case) by one value.
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public Reply setHeader(String name, Object value) {
        headers.keySet().removeIf(k -> k.equalsIgnoreCase(name));
        return header(name, value);
    }

    /** @return whether the body is JSON made by {@link #json(int, JsonNode)} */
    public boolean isJson() {
        return json;
    }

    /** @param name a header @return whether it is set */
    public boolean hasHeader(String name) {
        return headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(name));
    }

    /** @return the status */
    public int status() {
        return status;
    }

    /** @return the headers */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** @return the body, or null */
    public String body() {
        return body;
    }
}
