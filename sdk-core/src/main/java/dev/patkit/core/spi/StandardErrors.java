package dev.patkit.core.spi;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.ConflictException;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.ServerException;
import dev.patkit.core.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The status-to-exception mapping every provider's {@link ErrorMapper} builds on. Provider text is
 * cleaned with {@link ApiResponse#sanitize} here, so mappers pass what the server said as it is.
 */
public final class StandardErrors {

    private StandardErrors() {}

    /**
     * Builds the exception that fits a status.
     *
     * @param response the error response
     * @param context the provider, operation, status and request id
     * @param providerMessage what the provider said, uncleaned; empty when it said nothing readable
     * @param problems individual problems (validation errors), uncleaned; may be empty
     * @return 401 authentication, 403 permission, 404 not found, 409 conflict, 400/422
     *     validation, 429 rate limited, 408/5xx server, otherwise the root exception
     */
    public static PatkitException forStatus(ApiResponse response, ErrorContext context, Optional<String> providerMessage,
            List<String> problems) {
        int status = response.status();
        String message = message(response, context, providerMessage);
        List<String> clean = problems.stream().map(response::sanitize).toList();
        switch (status) {
            case 401:
                return new AuthenticationException(message
                        + ". The token is unknown, expired or revoked: check it, or create a new one.", context);
            case 403:
                return new PermissionException(message
                        + ". The credentials are valid but may not do this: check the token's scopes and the account's role.",
                        context, Set.of());
            case 404:
                return new NotFoundException(message, context);
            case 409:
                return new ConflictException(message, context);
            case 400:
            case 422:
                return new ValidationException(message + (clean.isEmpty() ? "" : " " + clean), context, clean);
            case 429:
                return rateLimited(response, context, message);
            default:
                if (status == 408 || status >= 500) {
                    return new ServerException(message, context);
                }
                return new PatkitException(message, context);
        }
    }

    /**
     * Builds a rate-limit exception from the response's {@code Retry-After} and rate-limit headers.
     *
     * @param response the response
     * @param context the context
     * @param message the cleaned message
     * @return the exception
     */
    public static RateLimitedException rateLimited(ApiResponse response, ErrorContext context, String message) {
        Duration retryAfter = response.retryAfter().orElse(null);
        Instant reset = response.rateLimit().flatMap(RateLimitSnapshot::resetAt).orElse(null);
        return new RateLimitedException(message + ". The provider's rate limit is exhausted"
                + (reset != null ? "; it resets at " + reset : "")
                + (retryAfter != null ? "; retry after " + retryAfter.toSeconds() + " s" : ""), context,
                Optional.ofNullable(retryAfter), Optional.ofNullable(reset));
    }

    /**
     * The standard message head: provider, operation, status, request id and the cleaned text.
     *
     * @param response the response
     * @param context the context
     * @param providerMessage what the provider said, uncleaned; empty when it said nothing readable
     * @return the message
     */
    public static String message(ApiResponse response, ErrorContext context, Optional<String> providerMessage) {
        StringBuilder sb = new StringBuilder()
                .append(context.provider()).append(": '").append(context.operation()).append("' failed with HTTP ")
                .append(response.status());
        String text = response.sanitize(providerMessage.orElse(""));
        while (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (!text.isEmpty()) {
            sb.append(": ").append(text);
        }
        context.requestId().ifPresent(id -> sb.append(" (request id ").append(response.sanitize(id)).append(')'));
        return sb.toString();
    }
}
