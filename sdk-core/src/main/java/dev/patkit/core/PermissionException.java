package dev.patkit.core;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The credentials are valid but may not do this (HTTP 403), or a token lacks a required scope.
 * Carries the scopes or permissions the provider said it needs, when it said so.
 */
public class PermissionException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient Set<String> missingScopes;
    private final transient List<String> requiredPermissions;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param missingScopes the scopes that are needed and not held; may be empty
     */
    public PermissionException(String message, ErrorContext context, Collection<String> missingScopes) {
        this(message, context, missingScopes, List.of());
    }

    /**
     * Creates the exception with required fine-grained permissions.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param missingScopes the scopes that are needed; may be empty
     * @param requiredPermissions alternative permission sets the provider accepts, for example
     *     {@code contents=read}; may be empty
     */
    public PermissionException(String message, ErrorContext context, Collection<String> missingScopes,
            List<String> requiredPermissions) {
        super(message, context);
        this.missingScopes = Collections.unmodifiableSortedSet(new TreeSet<>(missingScopes));
        this.requiredPermissions = List.copyOf(requiredPermissions);
    }

    /** @return the scopes that are needed and not held, sorted; empty when the provider did not say */
    public Set<String> missingScopes() {
        return missingScopes == null ? Set.of() : missingScopes;
    }

    /** @return alternative permission sets the provider accepts; empty when it did not say */
    public List<String> requiredPermissions() {
        return requiredPermissions == null ? List.of() : requiredPermissions;
    }
}
