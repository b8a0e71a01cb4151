package dev.patkit.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ErrorMapper;
import dev.patkit.core.spi.StandardErrors;
import dev.patkit.github.GitHubScopes;
import dev.patkit.github.GitHubSso;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub's error shape and its meaning: the one place that turns a GitHub error response into an
 * exception.
 *
 * <p>Body: {@code {"message", "documentation_url", "status" (a string, since about 2024),
 * "errors": [{"resource", "field", "code", "message"}]}}. Refinements over the status:
 * <ul>
 *   <li>403 or 429 with {@code x-ratelimit-remaining: 0}: the primary limit; retry after the
 *       reset plus 1 s (Octokit's rule), or {@code Retry-After} when sent.</li>
 *   <li>403 or 429 whose message says "secondary rate": {@code Retry-After}, else the primary
 *       reset when the budget is 0, else at least {@link #SECONDARY_FALLBACK}.</li>
 *   <li>Other 403: {@link PermissionException} with {@code X-Accepted-OAuth-Scopes} as the
 *       missing scopes and {@code X-Accepted-GitHub-Permissions} as the alternative permission
 *       sets, the SSO link from {@code X-GitHub-SSO}, the failed-login lockout, and for the
 *       organisation token endpoints the GitHub App installation token they need.</li>
 *   <li>404: notes that GitHub hides private resources the token cannot see behind 404.</li>
 * </ul>
 */
public final class GitHubErrors implements ErrorMapper {

    /** The least wait after a secondary limit without {@code Retry-After}. */
    public static final Duration SECONDARY_FALLBACK = Duration.ofSeconds(60);

    static final String LOCKOUT_MARK = "failed-login lockout";

    /** Creates the mapper. */
    public GitHubErrors() {}

    @Override
    public PatkitException map(ApiResponse response, ErrorContext context) {
        String message = null;
        List<String> problems = new ArrayList<>();
        if (response.isJson()) {
            try {
                JsonNode body = response.json();
                message = text(body, "message");
                for (JsonNode e : body.path("errors")) {
                    problems.add(problem(e));
                }
            } catch (PatkitException e) {
                // Not JSON after all: fall back to the status alone.
                message = null;
            }
        }
        int status = response.status();
        if (status == 403 || status == 429) {
            Optional<RateLimitedException> limited = rateLimit(response, context, message);
            if (limited.isPresent()) {
                return limited.get();
            }
        }
        if (status == 403) {
            return forbidden(response, context, message);
        }
        if (status == 404) {
            return new NotFoundException(head(response, context, message)
                    + ". GitHub also answers 404 for private resources the token cannot see: check that the token"
                    + " (and its scopes or permissions) can access it.", context);
        }
        if (status == 410) {
            return new PatkitException(head(response, context, message)
                    + ". GitHub no longer supports the requested X-GitHub-Api-Version: choose a newer one.", context);
        }
        return StandardErrors.forStatus(response, context, Optional.ofNullable(message), problems);
    }

    /**
     * Whether a failure is GitHub's failed-login lockout (403 after too many bad credentials).
     *
     * @param error a failure, or null
     * @return true for the lockout
     */
    public static boolean isLoginLockout(Throwable error) {
        return error instanceof dev.patkit.github.GitHubLoginLockoutException;
    }

    private static Optional<RateLimitedException> rateLimit(ApiResponse response, ErrorContext context, String message) {
        Instant now = response.clock().instant();
        Optional<RateLimitSnapshot> budget = response.rateLimit();
        boolean exhausted = budget.map(s -> s.remaining().isPresent() && s.remaining().getAsLong() <= 0).orElse(false);
        Instant reset = budget.flatMap(RateLimitSnapshot::resetAt).orElse(null);
        Optional<Duration> retryAfterHeader = response.headers().first("Retry-After")
                .flatMap(v -> parseRetryAfter(response, v));
        boolean secondary = message != null && message.toLowerCase(Locale.ROOT).contains("secondary rate");
        String head = head(response, context, message);
        if (secondary) {
            Duration wait = retryAfterHeader
                    .or(() -> exhausted && reset != null ? Optional.of(untilReset(now, reset)) : Optional.empty())
                    .orElse(SECONDARY_FALLBACK);
            return Optional.of(new RateLimitedException(head + ". GitHub's secondary rate limit was hit; wait "
                    + wait.toSeconds() + " s before trying again, and send fewer concurrent or mutating requests",
                    context, Optional.of(wait), Optional.ofNullable(reset)));
        }
        if (exhausted) {
            Duration wait = retryAfterHeader.orElse(reset == null ? null : untilReset(now, reset));
            return Optional.of(new RateLimitedException(head + ". GitHub's primary rate limit is exhausted"
                    + (reset != null ? "; it resets at " + reset : "")
                    + (wait != null ? "; retry after " + wait.toSeconds() + " s" : ""), context, Optional.ofNullable(wait),
                    Optional.ofNullable(reset)));
        }
        if (response.status() == 429) {
            return Optional.of(StandardErrors.rateLimited(response, context, head));
        }
        return Optional.empty();
    }

    /** The standard message head without a trailing full stop, so sentences can follow. */
    private static String head(ApiResponse response, ErrorContext context, String message) {
        String h = StandardErrors.message(response, context, Optional.ofNullable(message));
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    private static Optional<Duration> parseRetryAfter(ApiResponse response, String value) {
        // ApiResponse.retryAfter() prefers Retry-After; use it only when the header is really there.
        return response.retryAfter().filter(d -> !value.isBlank());
    }

    /** Octokit waits until the reset plus one second, so the window has surely turned. */
    private static Duration untilReset(Instant now, Instant reset) {
        Duration d = Duration.between(now, reset).plusSeconds(1);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static PermissionException forbidden(ApiResponse response, ErrorContext context, String message) {
        StringBuilder sb = new StringBuilder(head(response, context, message));
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        List<String> accepted = list(response.headers().first("X-Accepted-OAuth-Scopes").orElse(""), ",");
        Set<String> held = new LinkedHashSet<>(list(response.headers().first("X-OAuth-Scopes").orElse(""), ","));
        Set<String> missing = new LinkedHashSet<>();
        if (!accepted.isEmpty()) {
            Set<String> effective = GitHubScopes.CATALOGUE.closure(held);
            if (accepted.stream().noneMatch(effective::contains)) {
                missing.addAll(accepted);
            }
        }
        List<String> permissions = list(response.headers().first("X-Accepted-GitHub-Permissions").orElse(""), ";");
        if (lower.contains("login attempts")) {
            sb.append(". GitHub's ").append(LOCKOUT_MARK).append(": after several requests with bad credentials it"
                    + " rejects every authentication for a while, even with valid tokens. Stop checking tokens and try"
                    + " again later.");
            return new dev.patkit.github.GitHubLoginLockoutException(sb.toString(), context);
        }
        Optional<GitHubSso> sso = response.headers().first("X-GitHub-SSO").map(GitHubSso::parse);
        if (sso.isPresent() && sso.get().required()) {
            sb.append(". The token must be authorized for the organisation's SAML single sign-on");
            sso.get().authorizeUrl().ifPresent(u -> sb.append(" at ").append(response.sanitize(u.toString()))
                    .append(" (the link expires after one hour)"));
        } else if (response.uri().getRawPath() != null && response.uri().getRawPath().contains("/personal-access-token")) {
            sb.append(". The organisation fine-grained token endpoints only accept a GitHub App installation token"
                    + " whose app has the organization_personal_access_tokens (grants) or"
                    + " organization_personal_access_token_requests (requests) permission");
        } else if (!missing.isEmpty()) {
            sb.append(". The token needs one of the scopes ").append(missing.stream().map(response::sanitize).toList());
        } else if (!permissions.isEmpty()) {
            sb.append(". The token needs the permissions ").append(permissions.stream().map(response::sanitize).toList())
                    .append(" (alternatives)");
        } else {
            sb.append(". The credentials are valid but may not do this: check the token's scopes or permissions and the"
                    + " account's role.");
        }
        return new PermissionException(sb.toString(), context, missing.stream().map(response::sanitize).toList(),
                permissions.stream().map(response::sanitize).toList());
    }

    private static List<String> list(String header, String separator) {
        List<String> out = new ArrayList<>();
        for (String part : header.split(separator)) {
            String p = part.trim();
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }

    private static String problem(JsonNode e) {
        StringBuilder sb = new StringBuilder();
        String resource = text(e, "resource");
        String field = text(e, "field");
        if (resource != null) {
            sb.append(resource);
        }
        if (field != null) {
            sb.append(sb.length() > 0 ? "." : "").append(field);
        }
        String code = text(e, "code");
        if (code != null) {
            sb.append(sb.length() > 0 ? ": " : "").append(code);
        }
        String msg = text(e, "message");
        if (msg != null) {
            sb.append(sb.length() > 0 ? " (" + msg + ")" : msg);
        }
        if (sb.length() == 0 && e.isTextual()) {
            sb.append(e.asText());
        }
        return sb.toString();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
