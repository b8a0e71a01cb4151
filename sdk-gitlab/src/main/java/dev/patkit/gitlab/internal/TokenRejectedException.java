package dev.patkit.gitlab.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.ErrorContext;

/**
 * GitLab rejected the token (HTTP 401) and, from its {@code error_description}, why: expired,
 * revoked, or not said ({@link AuthorizationStatus#INVALID}). Users see it as an
 * {@link AuthenticationException}; {@code inspect} turns it into an authorization's status.
 */
final class TokenRejectedException extends AuthenticationException {

    private static final long serialVersionUID = 1L;

    private final AuthorizationStatus status;

    TokenRejectedException(String message, ErrorContext context, AuthorizationStatus status) {
        super(message, context);
        this.status = status;
    }

    AuthorizationStatus status() {
        return status;
    }
}
