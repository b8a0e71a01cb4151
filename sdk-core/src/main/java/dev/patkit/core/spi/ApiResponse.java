package dev.patkit.core.spi;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.ResponseParseException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A response as the pipeline read it: status, headers and the whole (size-bounded) body.
 *
 * <p>JSON parsing through {@link #json()} never lets a Jackson message (which can quote values,
 * including tokens) escape: failures become a {@link ResponseParseException} naming only the
 * position. {@code toString()} shows neither headers' values nor the body.
 */
public final class ApiResponse {

    private final int status;
    private final ResponseHeaders headers;
    private final byte[] body;
    private final URI uri;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final UnaryOperator<String> redactor;
    private final ErrorContext context;

    /**
     * Creates a response; the pipeline does this.
     *
     * @param status the HTTP status
     * @param headers the headers
     * @param body the body bytes
     * @param uri the URI that answered
     * @param mapper the JSON mapper
     * @param clock the clock for header arithmetic
     * @param redactor removes the caller's secrets from server text
     * @param context the provider and operation, for parse errors
     */
    public ApiResponse(int status, ResponseHeaders headers, byte[] body, URI uri, ObjectMapper mapper, Clock clock,
            UnaryOperator<String> redactor, ErrorContext context) {
        this.status = status;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.body = Objects.requireNonNull(body, "body");
        this.uri = Objects.requireNonNull(uri, "uri");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        this.context = Objects.requireNonNull(context, "context");
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the headers */
    public ResponseHeaders headers() {
        return headers;
    }

    /** @return the body bytes; do not modify */
    public byte[] body() {
        return body;
    }

    /** @return the body as UTF-8 text; never put it in a message without {@link #sanitize} */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return the URI that answered */
    public URI uri() {
        return uri;
    }

    /** @return the clock */
    public Clock clock() {
        return clock;
    }

    /** @return the JSON mapper */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** @return the provider and operation this response belongs to */
    public ErrorContext context() {
        return context;
    }

    /** @return whether the body looks like JSON, by content type or first character */
    public boolean isJson() {
        String type = headers.first("Content-Type").orElse("");
        if (type.contains("json")) {
            return true;
        }
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[';
        }
        return false;
    }

    /**
     * Parses the body as a JSON tree.
     *
     * @return the tree; an empty body gives a missing node
     * @throws ResponseParseException naming the position, never the values
     */
    public JsonNode json() {
        if (body.length == 0) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(body);
        } catch (java.io.IOException e) {
            throw parseError(e);
        }
    }

    /**
     * Binds the body to a type.
     *
     * @param type the type
     * @param <T> the type
     * @return the value
     * @throws ResponseParseException naming the position and path, never the values
     */
    public <T> T read(Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (java.io.IOException e) {
            throw parseError(e);
        }
    }

    /**
     * The wait the server asked for: {@code Retry-After} (seconds or HTTP date), else for a 429 or
     * an exhausted budget the time until the rate-limit reset.
     *
     * @return the wait, if the server gave one
     */
    public Optional<Duration> retryAfter() {
        Optional<Duration> header = headers.first("Retry-After").flatMap(v -> HeaderParsers.retryAfter(v, clock.instant()));
        if (header.isPresent()) {
            return header;
        }
        return rateLimit().filter(s -> status == 429 || s.exhaustedAt(clock.instant()))
                .flatMap(RateLimitSnapshot::resetAt)
                .map(reset -> Duration.between(clock.instant(), reset))
                .map(d -> d.isNegative() ? Duration.ZERO : d);
    }

    /** @return the target of this response's {@code Link: <…>; rel="next"}, as written, if it has one */
    public Optional<String> nextLink() {
        return headers.first("Link").flatMap(HeaderParsers::nextLink);
    }

    /** @return the rate-limit headers of this response, if it has any */
    public Optional<RateLimitSnapshot> rateLimit() {
        return HeaderParsers.rateLimit(headers, clock);
    }

    /**
     * Makes server text fit for an exception message: the caller's secrets removed, control
     * characters replaced, at most 300 characters.
     *
     * @param text text from the response
     * @return the cleaned text
     */
    public String sanitize(String text) {
        if (text == null) {
            return "";
        }
        String redacted = redactor.apply(text);
        StringBuilder sb = new StringBuilder(Math.min(redacted.length(), 301));
        for (int i = 0; i < redacted.length() && sb.length() < 300; i++) {
            char c = redacted.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (redacted.length() > 300) {
            sb.append('…');
        }
        return sb.toString().strip();
    }

    private ResponseParseException parseError(Exception e) {
        StringBuilder where = new StringBuilder();
        if (e instanceof JacksonException je) {
            JsonLocation loc = je.getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                where.append(" at line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
            }
        }
        if (e instanceof JsonMappingException jm && !jm.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference r : jm.getPath()) {
                if (r.getFieldName() != null) {
                    path.append('.').append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            where.append(" (path ").append(path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path).append(')');
        }
        // The Jackson exception is not attached: its message can quote values from the body.
        return new ResponseParseException("Could not parse the " + context.provider() + " response to '"
                + context.operation() + "' (HTTP " + status + ", " + e.getClass().getSimpleName() + where + ")",
                context.withStatus(status));
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + " " + uri.getScheme() + "://" + uri.getAuthority() + uri.getRawPath()
                + ", " + body.length + " bytes]";
    }
}
