package dev.patkit.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.github.tomakehurst.wiremock.http.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a fake sees it: method, decoded path segments, query and form parameters, headers
 * and the JSON body. Built from WireMock's {@link Request}; immutable after construction.
 */
public final class Exchange {

    private final String method;
    private final String requestMethod;
    private final String rawPath;
    private final List<String> segments;
    private final Map<String, List<String>> query;
    private final Map<String, List<String>> form;
    private final Request request;
    private final JsonNode json;
    private final String baseUrl;
    private final String rawQuery;

    private Exchange(Request request) {
        this.request = request;
        this.requestMethod = request.getMethod().getName().toUpperCase(Locale.ROOT);
        // HEAD is routed as GET (the answer loses its body on the way out), as Grape and GitHub do.
        this.method = "HEAD".equals(requestMethod) ? "GET" : requestMethod;
        String url = request.getUrl();
        int q = url.indexOf('?');
        this.rawPath = q < 0 ? url : url.substring(0, q);
        this.rawQuery = q < 0 ? "" : url.substring(q + 1);
        this.query = parseForm(rawQuery);
        List<String> segs = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                segs.add(decode(s));
            }
        }
        this.segments = List.copyOf(segs);
        String type = Optional.ofNullable(request.getHeader("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        String body = request.getBodyAsString();
        JsonNode parsed = MissingNode.getInstance();
        Map<String, List<String>> formParams = Map.of();
        if (body != null && !body.isBlank()) {
            if (type.contains("x-www-form-urlencoded")) {
                formParams = parseForm(body);
            } else {
                try {
                    parsed = Json.MAPPER.readTree(body);
                } catch (java.io.IOException e) {
                    parsed = null; // malformed JSON: handlers answer 400
                }
            }
        }
        this.json = parsed;
        this.form = formParams;
        this.baseUrl = request.getScheme() + "://" + request.getHost() + ":" + request.getPort();
    }

    /** @param request WireMock's request @return the exchange */
    public static Exchange of(Request request) {
        return new Exchange(request);
    }

    /** @return the upper-case method the fakes route on: {@code GET} for a {@code HEAD} request */
    public String method() {
        return method;
    }

    /** @return the upper-case method as sent ({@code HEAD} stays {@code HEAD}) */
    public String requestMethod() {
        return requestMethod;
    }

    /** @return whether the request is a {@code HEAD} */
    public boolean isHead() {
        return "HEAD".equals(requestMethod);
    }

    /** @return the raw (still percent-encoded) path */
    public String rawPath() {
        return rawPath;
    }

    /** @return the raw query, without {@code ?}; empty when there is none */
    public String rawQuery() {
        return rawQuery;
    }

    /** @return the body bytes (empty when there is none) */
    public byte[] body() {
        byte[] b = request.getBody();
        return b == null ? new byte[0] : b;
    }

    /** @return the decoded path segments */
    public List<String> segments() {
        return segments;
    }

    /** @return {@code scheme://host:port} as the client addressed the server */
    public String baseUrl() {
        return baseUrl;
    }

    /** @return {@code host:port} as the client addressed the server */
    public String authority() {
        return request.getHost() + ":" + request.getPort();
    }

    /** @return the client's address */
    public String clientIp() {
        return request.getClientIp();
    }

    /**
     * @param n the index
     * @return the segment, or null past the end
     */
    public String segment(int n) {
        return n < segments.size() ? segments.get(n) : null;
    }

    /**
     * Whether the method and the segments match a pattern where {@code *} matches any one segment.
     *
     * @param m the method
     * @param pattern the segments
     * @return whether it matches
     */
    public boolean is(String m, String... pattern) {
        if (!method.equals(m) || pattern.length != segments.size()) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (!"*".equals(pattern[i]) && !pattern[i].equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** @param name a header (any case) @return its first value, or null */
    public String header(String name) {
        return request.containsHeader(name) ? request.getHeader(name) : null;
    }

    /** @return the query parameters, in order */
    public Map<String, List<String>> query() {
        return query;
    }

    /** @param name a query parameter @return its first value, or null */
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** @return the JSON body, a missing node when there is none, or null when it is malformed */
    public JsonNode json() {
        return json;
    }

    /**
     * A parameter as Grape reads it: the JSON body, then the form body, then the query.
     *
     * @param name the name
     * @return its text, or null
     */
    public String param(String name) {
        if (json != null && json.has(name) && !json.get(name).isNull()) {
            JsonNode v = json.get(name);
            return v.isValueNode() ? v.asText() : v.toString();
        }
        List<String> v = form.get(name);
        if (v == null || v.isEmpty()) {
            v = form.get(name + "[]");
        }
        if (v != null && !v.isEmpty()) {
            return v.get(0);
        }
        return queryParam(name);
    }

    /**
     * A list parameter: a JSON array, repeated form or query values ({@code name[]} too), or a
     * comma-separated text.
     *
     * @param name the name
     * @return the values, or null when absent
     */
    public List<String> listParam(String name) {
        if (json != null && json.has(name) && !json.get(name).isNull()) {
            JsonNode v = json.get(name);
            List<String> out = new ArrayList<>();
            if (v.isArray()) {
                v.forEach(e -> out.add(e.asText()));
            } else {
                for (String s : v.asText().split(",")) {
                    if (!s.isBlank()) {
                        out.add(s.trim());
                    }
                }
            }
            return out;
        }
        for (Map<String, List<String>> source : List.of(form, query)) {
            List<String> v = new ArrayList<>(source.getOrDefault(name, List.of()));
            v.addAll(source.getOrDefault(name + "[]", List.of()));
            if (!v.isEmpty()) {
                List<String> out = new ArrayList<>();
                for (String each : v) {
                    for (String s : each.split(",")) {
                        if (!s.isBlank()) {
                            out.add(s.trim());
                        }
                    }
                }
                return out;
            }
        }
        return null;
    }

    /** @return the absolute request URL without its query */
    public String urlWithoutQuery() {
        return baseUrl + rawPath;
    }

    private static Map<String, List<String>> parseForm(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return Collections.unmodifiableMap(out);
    }

    private static String decodeForm(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String decode(String s) {
        // Path segments: '+' is a literal plus, not a space.
        return decodeForm(s.replace("+", "%2B"));
    }
}
