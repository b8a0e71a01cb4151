package dev.patkit.atomgit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ErrorMapper;
import dev.patkit.core.spi.StandardErrors;
import java.util.List;
import java.util.Optional;
import java.util.Locale;

/**
 * AtomGit's error shape, in one place. AtomGit answers errors with one of:
 *
 * <ul>
 *   <li>{@code {"message": "401 Unauthorized"}} (the documented 401, and GitHub-style bodies);
 *   <li>{@code {"error_code": 404, "error_message": "not found"}}, where {@code error_code} is a
 *       number or a string, sometimes with {@code error_code_name};
 *   <li>{@code {"error": "..."}} (or an object with a {@code message}).
 * </ul>
 *
 * <p>The message is taken from {@code message}, then {@code error_message}, then {@code error};
 * the code is appended. A 429, or a 403 with {@code x-ratelimit-remaining: 0} or a "rate limit"
 * message, is rate limiting ({@link dev.patkit.core.RateLimitedException}), not a missing
 * permission: GitCode's v5 guide documents 429, the legacy API answered 403, so both are handled.
 * A 418 ("Request Rejected, Suspected Unsafe", documented by the GitCode guide) is GitCode's safety
 * filter refusing the request, not a bad token. Everything else follows
 * {@link StandardErrors#forStatus}. Thread-safe and stateless.
 */
final class AtomGitErrors implements ErrorMapper {

    static final AtomGitErrors INSTANCE = new AtomGitErrors();

    /** GitCode's "418 I'm a teapot: Request Rejected, Suspected Unsafe". */
    static final int SAFETY_FILTER = 418;

    private AtomGitErrors() {}

    @Override
    public PatkitException map(ApiResponse response, ErrorContext context) {
        String message = describe(response);
        if (isRateLimited(response, message)) {
            return StandardErrors.rateLimited(response, context, StandardErrors.message(response, context, Optional.ofNullable(message)));
        }
        if (response.status() == SAFETY_FILTER) {
            return new PatkitException(StandardErrors.message(response, context, Optional.ofNullable(message)) + ". GitCode's safety filter"
                    + " rejected the request as suspected unsafe; the token was not judged. Change the request (or"
                    + " its rate), or ask AtomGit support.", context);
        }
        return StandardErrors.forStatus(response, context, Optional.ofNullable(message), List.of());
    }

    private static boolean isRateLimited(ApiResponse response, String message) {
        if (response.status() == 429) {
            return true;
        }
        if (response.status() != 403) {
            return false;
        }
        boolean exhausted = response.rateLimit().map(AtomGitErrors::remainingZero).orElse(false);
        return exhausted || (message != null && message.toLowerCase(Locale.ROOT).contains("rate limit"));
    }

    /** @return what the body says, uncleaned (StandardErrors cleans it), or null */
    static String describe(ApiResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        if (!response.isJson()) {
            String text = response.text().strip();
            // An HTML error page says nothing useful and may be long.
            return text.isEmpty() || text.startsWith("<") ? null : text;
        }
        JsonNode node;
        try {
            node = response.json();
        } catch (ResponseParseException e) {
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        String message = first(node.get("message"), node.get("error_message"), node.get("error"),
                node.get("error_description"));
        String code = AtomGitJson.text(node.get("error_code"));
        String codeName = AtomGitJson.text(node.get("error_code_name"));
        if (code == null && codeName == null) {
            return message;
        }
        String codeText = "error code " + (code == null ? codeName : code + (codeName == null ? "" : " " + codeName));
        return message == null ? codeText : message + " (" + codeText + ")";
    }

    private static String first(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n == null) {
                continue;
            }
            String text = n.isObject() ? AtomGitJson.text(n.get("message")) : AtomGitJson.text(n);
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** A 403 with nothing remaining is rate limiting, whatever the reset says. */
    private static boolean remainingZero(RateLimitSnapshot s) {
        return s.remaining().isPresent() && s.remaining().getAsLong() <= 0;
    }
}
