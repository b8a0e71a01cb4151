package dev.patkit.core.spi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one description of an endpoint call: method, path, query, headers, body, whether it may be
 * retried, and how its response becomes a result. The same description serves the blocking and
 * the asynchronous form of an operation. Immutable.
 *
 * @param <T> the result type
 */
public final class ApiRequest<T> {

    private final String method;
    private final String path;
    private final URI absoluteUri;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final Object jsonBody;
    private final boolean idempotent;
    private final boolean authenticated;
    private final String operation;
    private final ResponseMapper<T> mapper;
    private final ResponseMapper<T> rejected;
    private final long deadlineNanos;
    private final boolean hasDeadline;
    private final List<dev.patkit.core.Token> carried;
    private final java.util.Set<Integer> doneOnRetry;

    private ApiRequest(Builder b, ResponseMapper<T> mapper) {
        this(b, mapper, null);
    }

    private ApiRequest(Builder b, ResponseMapper<T> mapper, ResponseMapper<T> rejected) {
        this.method = b.method;
        this.path = b.path;
        this.absoluteUri = b.absoluteUri;
        Map<String, List<String>> q = new LinkedHashMap<>();
        b.query.forEach((k, v) -> q.put(k, List.copyOf(v)));
        this.query = Collections.unmodifiableMap(q);
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.jsonBody = b.jsonBody;
        this.idempotent = b.idempotent;
        this.authenticated = b.authenticated;
        this.operation = b.operation;
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.rejected = rejected;
        this.deadlineNanos = b.deadlineNanos;
        this.hasDeadline = b.hasDeadline;
        this.carried = List.copyOf(b.carried);
        this.doneOnRetry = java.util.Set.copyOf(b.doneOnRetry);
    }

    /** @param path the path below the API base, such as {@code /user} @return a GET builder */
    public static Builder get(String path) {
        return new Builder("GET", path);
    }

    /** @param path the path below the API base @return a POST builder */
    public static Builder post(String path) {
        return new Builder("POST", path);
    }

    /** @param path the path below the API base @return a PUT builder */
    public static Builder put(String path) {
        return new Builder("PUT", path);
    }

    /** @param path the path below the API base @return a PATCH builder */
    public static Builder patch(String path) {
        return new Builder("PATCH", path);
    }

    /** @param path the path below the API base @return a DELETE builder */
    public static Builder delete(String path) {
        return new Builder("DELETE", path);
    }

    /**
     * Percent-encodes one path segment, for ids such as GitLab's {@code group/project}.
     *
     * @param raw the segment's text
     * @return the encoded segment (everything but {@code A-Za-z0-9-._~} is encoded)
     */
    public static String segment(String raw) {
        StringBuilder sb = new StringBuilder();
        for (byte b : raw.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the path below the API base */
    public String path() {
        return path;
    }

    /** @return an absolute URI to call instead of base + path (a pagination link), if set */
    public Optional<URI> absoluteUri() {
        return Optional.ofNullable(absoluteUri);
    }

    /** @return query parameters with their first value, unencoded, in order */
    public Map<String, String> query() {
        Map<String, String> first = new LinkedHashMap<>();
        query.forEach((k, v) -> first.put(k, v.get(0)));
        return Collections.unmodifiableMap(first);
    }

    /** @return every query parameter with all its values, unencoded, in order */
    public Map<String, List<String>> queryValues() {
        return query;
    }

    /** @return headers for this request, in addition to the provider's defaults */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the object to send as JSON, if any */
    public Optional<Object> jsonBody() {
        return Optional.ofNullable(jsonBody);
    }

    /** @return whether the call may be retried after it may have reached the server */
    public boolean idempotent() {
        return idempotent;
    }

    /** @return whether credentials are attached */
    public boolean authenticated() {
        return authenticated;
    }

    /** @return what the call does, for messages, for example {@code "rotate personal access token"} */
    public String operation() {
        return operation;
    }

    /** @return how the response becomes a result */
    public ResponseMapper<T> mapper() {
        return mapper;
    }

    /**
     * The same request, declaring that a rejection of its credential is an answer, not an error: a
     * 401 (after the one renewal the authenticator may make) becomes the result through this
     * mapper instead of an {@link dev.patkit.core.AuthenticationException}. This is how every
     * inspection reports a token the forge refuses: an authorization whose status says why.
     *
     * @param answer maps the 401 answer to the result
     * @return a new request
     */
    public ApiRequest<T> whenRejected(ResponseMapper<T> answer) {
        return new ApiRequest<>(toBuilder(), mapper, Objects.requireNonNull(answer, "answer"));
    }

    /** @return the mapper of a rejection, when the request declares one ({@link #whenRejected}) */
    public Optional<ResponseMapper<T>> rejectedMapper() {
        return Optional.ofNullable(rejected);
    }

    /**
     * The secrets this request carries in its body (a token being registered or revoked), which the
     * pipeline removes from any server text that could reach an exception message.
     *
     * @return the carried secrets; never shown by {@code toString()}
     */
    public List<dev.patkit.core.Token> carried() {
        return carried;
    }

    /**
     * Statuses that mean "already done" when they answer a retry: a revoke whose first attempt's
     * response was lost finds the token gone.
     *
     * @return the statuses; empty for most requests
     */
    public java.util.Set<Integer> doneOnRetry() {
        return doneOnRetry;
    }

    /**
     * The deadline this request shares with the other calls of one operation, if it has one.
     *
     * @return a {@link System#nanoTime()} value, or empty when the call gets its own deadline
     */
    public java.util.OptionalLong deadlineNanos() {
        return hasDeadline ? java.util.OptionalLong.of(deadlineNanos) : java.util.OptionalLong.empty();
    }

    /**
     * The same request bound to a deadline shared by the several calls of one operation (a rotate
     * and the probe after it, a create and its reconciliation), from
     * {@link HttpPipeline#newDeadline()}. The pipeline uses the earlier of it and the call's own.
     *
     * @param nanoTime the deadline, a {@link System#nanoTime()} value
     * @return a new request
     */
    public ApiRequest<T> withDeadline(long nanoTime) {
        Builder b = toBuilder();
        b.deadlineNanos = nanoTime;
        b.hasDeadline = true;
        return new ApiRequest<>(b, mapper);
    }

    /**
     * The same request with one query parameter set (for offset pagination).
     *
     * @param name the parameter
     * @param value its value
     * @return a new request
     */
    public ApiRequest<T> withQuery(String name, String value) {
        Builder b = toBuilder();
        b.query.put(name, new ArrayList<>(List.of(value)));
        return new ApiRequest<>(b, mapper, rejected);
    }

    /**
     * The same request sent to an absolute URI (a pagination link), with no extra query.
     *
     * @param uri the URI
     * @return a new request
     */
    public ApiRequest<T> withAbsoluteUri(URI uri) {
        Builder b = toBuilder();
        b.absoluteUri = uri;
        b.query.clear();
        return new ApiRequest<>(b, mapper, rejected);
    }

    /**
     * The same request with another response mapper (used to wrap a page mapper).
     *
     * @param other the mapper
     * @param <U> the new result type
     * @return a new request
     */
    public <U> ApiRequest<U> withMapper(ResponseMapper<U> other) {
        return new ApiRequest<>(toBuilder(), other);
    }

    private Builder toBuilder() {
        Builder b = new Builder(method, path);
        b.absoluteUri = absoluteUri;
        query.forEach((k, v) -> b.query.put(k, new ArrayList<>(v)));
        b.headers.putAll(headers);
        b.jsonBody = jsonBody;
        b.idempotent = idempotent;
        b.authenticated = authenticated;
        b.operation = operation;
        b.deadlineNanos = deadlineNanos;
        b.hasDeadline = hasDeadline;
        b.carried.addAll(carried);
        b.doneOnRetry.addAll(doneOnRetry);
        return b;
    }

    @Override
    public String toString() {
        return "ApiRequest[" + method + " " + path + " query=" + query.keySet() + " (" + operation + ")]";
    }

    /** Builds an {@link ApiRequest}. Not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private URI absoluteUri;
        private final Map<String, List<String>> query = new LinkedHashMap<>();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object jsonBody;
        private boolean idempotent;
        private boolean authenticated = true;
        private String operation;
        private long deadlineNanos;
        private boolean hasDeadline;
        private final List<dev.patkit.core.Token> carried = new ArrayList<>();
        private final java.util.Set<Integer> doneOnRetry = new java.util.TreeSet<>();

        private Builder(String method, String path) {
            this.method = method;
            this.path = Objects.requireNonNull(path, "path");
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/'");
            }
            this.idempotent = method.equals("GET") || method.equals("DELETE") || method.equals("HEAD");
            this.operation = method + " " + path;
        }

        /** @param name a query parameter @param value its value, unencoded; null leaves it out @return this builder */
        public Builder query(String name, Object value) {
            if (value != null) {
                query.put(name, new ArrayList<>(List.of(String.valueOf(value))));
            }
            return this;
        }

        /**
         * Adds a parameter that repeats, such as GitHub's {@code owner[]=a&owner[]=b}.
         *
         * @param name the parameter
         * @param values its values, unencoded; null or empty leaves it out
         * @return this builder
         */
        public Builder queryAll(String name, Collection<?> values) {
            if (values != null && !values.isEmpty()) {
                List<String> all = query.computeIfAbsent(name, k -> new ArrayList<>());
                values.forEach(v -> all.add(String.valueOf(v)));
            }
            return this;
        }

        /** @param name a header @param value its value @return this builder */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * The JSON body: an object Jackson writes (maps and lists work well). A secret goes into it as
         * its {@link dev.patkit.core.Token}, never as a revealed string: the pipeline writes the value
         * only on the wire, and every token in the body is declared as carried, so a server that
         * echoes it back has it replaced with {@code ***} before the text can reach a message.
         *
         * @param body the body
         * @return this builder
         */
        public Builder json(Object body) {
            this.jsonBody = body;
            carried.clear();
            collectTokens(body, carried, 0);
            return this;
        }

        private static void collectTokens(Object value, List<dev.patkit.core.Token> out, int depth) {
            if (depth > 16) {
                return;
            }
            if (value instanceof dev.patkit.core.Token t) {
                out.add(t);
            } else if (value instanceof Map<?, ?> m) {
                m.values().forEach(v -> collectTokens(v, out, depth + 1));
            } else if (value instanceof Collection<?> c) {
                c.forEach(v -> collectTokens(v, out, depth + 1));
            }
        }

        /**
         * Declares whether the call may be retried once it may have reached the server. Default:
         * true for GET and DELETE, false otherwise. Set it only for calls the provider documents
         * as idempotent.
         *
         * @param idempotent whether retrying is safe
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * Declares statuses that mean the call already took effect when they answer a retry (an
         * earlier attempt may have reached the server before its response was lost), for example
         * 404 for a revoke. Such a response then goes to the mapper as a success.
         *
         * @param statuses the statuses
         * @return this builder
         */
        public Builder doneOnRetry(int... statuses) {
            for (int s : statuses) {
                doneOnRetry.add(s);
            }
            return this;
        }

        /** @param authenticated whether to attach credentials (default true) @return this builder */
        public Builder authenticated(boolean authenticated) {
            this.authenticated = authenticated;
            return this;
        }

        /** @param operation what the call does, for messages @return this builder */
        public Builder operation(String operation) {
            this.operation = Objects.requireNonNull(operation, "operation");
            return this;
        }

        /**
         * Finishes the description.
         *
         * @param mapper how a 2xx response becomes a result
         * @param <T> the result type
         * @return the request
         */
        public <T> ApiRequest<T> expect(ResponseMapper<T> mapper) {
            return new ApiRequest<>(this, mapper);
        }
    }
}
