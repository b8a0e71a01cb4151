package dev.patkit.github;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PermissionException;
import java.util.Set;

/**
 * GitHub's failed-login lockout: after several requests with bad credentials from one place,
 * GitHub answers 403 to every authentication for a while, even with valid tokens. Stop checking
 * tokens and try again later; Patkit holds the host's next inspection back a minute by itself.
 */
public class GitHubLoginLockoutException extends PermissionException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about, with the 403 and the request id
     */
    public GitHubLoginLockoutException(String message, ErrorContext context) {
        super(message, context, Set.of());
    }
}
