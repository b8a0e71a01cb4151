package dev.patkit.gitlab.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ErrorMapper;
import dev.patkit.core.spi.StandardErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GitLab's error shapes:
 * <ul>
 *   <li>{@code {"message": "401 Unauthorized"}}: Grape's text message;</li>
 *   <li>{@code {"message": {"field": ["problem", ...]}}}: validation errors as an object, and
 *       application rate limits as {@code {"message": {"error": "..."}}};</li>
 *   <li>{@code {"error": "...", "error_description": "...", "scope": "..."}}: the API guard's OAuth
 *       style errors: {@code invalid_token} (401, expired or revoked) and {@code insufficient_scope}
 *       (403, naming the required scopes), and Grape's parameter errors {@code {"error": "name is missing"}};</li>
 *   <li>plain text, such as the throttle's 429 {@code Retry later} with {@code RateLimit-*} headers.</li>
 * </ul>
 */
public final class GitLabErrors implements ErrorMapper {

    /** The one instance: the mapper holds no state. */
    public static final ErrorMapper MAPPER = new GitLabErrors();

    private GitLabErrors() {}

    @Override
    public PatkitException map(ApiResponse response, ErrorContext context) {
        String message = null;
        List<String> problems = List.of();
        String error = null;
        String description = null;
        String scope = null;
        if (response.isJson()) {
            JsonNode n;
            try {
                n = response.json();
            } catch (ResponseParseException e) {
                n = response.mapper().missingNode();
            }
            JsonNode m = n.path("message");
            if (m.isTextual()) {
                message = m.asText();
            } else if (m.isContainerNode()) {
                problems = problems(m);
                message = m.path("error").isTextual() ? m.path("error").asText() : String.join("; ", problems);
            }
            error = text(n, "error");
            description = text(n, "error_description");
            scope = text(n, "scope");
            if (message == null) {
                message = description == null ? error : (error == null ? description : error + ": " + description);
            }
        } else if (response.body().length > 0) {
            message = response.text();
        }
        int status = response.status();
        if ("insufficient_scope".equals(error) || (status == 403 && scope != null)) {
            Set<String> required = new LinkedHashSet<>();
            if (scope != null) {
                for (String s : scope.split("[\\s,]+")) {
                    if (!s.isBlank()) {
                        required.add(response.sanitize(s));
                    }
                }
            }
            return new PermissionException(StandardErrors.message(response, context, Optional.ofNullable(message))
                    + ". The token lacks a scope this call needs" + (required.isEmpty() ? "" : ": it needs " + required)
                    + ". Use a token with that scope.", context, required);
        }
        if (status == 401) {
            AuthorizationStatus reason = reason(description);
            String what = switch (reason) {
                case EXPIRED -> "The token has expired: create or rotate a new one.";
                case REVOKED -> "The token was revoked: create a new one.";
                default -> "The token is unknown, expired or revoked, or may not see this token record: check it,"
                        + " or create a new one.";
            };
            return new AuthenticationException(StandardErrors.message(response, context, Optional.ofNullable(message))
                    + ". " + what, context);
        }
        if (status == 429) {
            return StandardErrors.rateLimited(response, context, StandardErrors.message(response, context, Optional.ofNullable(message)));
        }
        return StandardErrors.forStatus(response, context, Optional.ofNullable(message), problems);
    }

    /**
     * Why GitLab rejected a token, from a 401's {@code error_description}: expired, revoked, or not
     * said ({@link AuthorizationStatus#INVALID}).
     *
     * @param response the 401 answer
     * @return the standing it names
     */
    static AuthorizationStatus rejection(ApiResponse response) {
        if (!response.isJson()) {
            return AuthorizationStatus.INVALID;
        }
        try {
            return reason(text(response.json(), "error_description"));
        } catch (ResponseParseException e) {
            return AuthorizationStatus.INVALID;
        }
    }

    private static AuthorizationStatus reason(String description) {
        if (description == null) {
            return AuthorizationStatus.INVALID;
        }
        String d = description.toLowerCase(Locale.ROOT);
        if (d.contains("expired")) {
            return AuthorizationStatus.EXPIRED;
        }
        if (d.contains("revoked")) {
            return AuthorizationStatus.REVOKED;
        }
        return AuthorizationStatus.INVALID;
    }

    /** Flattens {@code {"bio": ["is too long"]}} into {@code bio is too long}. */
    private static List<String> problems(JsonNode m) {
        List<String> out = new ArrayList<>();
        if (m.isArray()) {
            m.forEach(v -> out.add(v.isTextual() ? v.asText() : v.toString()));
            return out;
        }
        for (Map.Entry<String, JsonNode> f : m.properties()) {
            if (f.getValue().isArray()) {
                f.getValue().forEach(v -> out.add(f.getKey() + " " + (v.isTextual() ? v.asText() : v.toString())));
            } else {
                out.add(f.getKey() + " " + (f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
            }
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
