package dev.patkit.gitlab.internal;

import dev.patkit.core.TokenSpec;
import dev.patkit.core.ValidationException;
import dev.patkit.gitlab.GitLabAccessLevel;
import dev.patkit.gitlab.GitLabScopes;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The checks GitLab would make anyway, made before any request so a bad call costs nothing. */
final class GitLabChecks {

    static final int MAX_DESCRIPTION = 255;

    private GitLabChecks() {}

    static ValidationException bad(String operation, String message) {
        return ValidationException.badInput("gitlab", operation, message);
    }

    /** Name, description, scopes (non-empty and known) and expiry of a new token. */
    static void spec(String operation, TokenSpec spec, Clock clock, int maxDays, boolean expiryRequired) {
        name(operation, spec.name());
        Optional<String> description = spec.description();
        if (description.isPresent() && description.get().length() > MAX_DESCRIPTION) {
            throw bad(operation, "The description has " + description.get().length()
                    + " characters; GitLab allows at most " + MAX_DESCRIPTION);
        }
        scopes(operation, spec.scopes());
        if (expiryRequired && spec.expiresOn().isEmpty()) {
            throw bad(operation, "GitLab requires an expiry date for this kind of token");
        }
        expiry(operation, spec.expiresOn(), clock, maxDays);
    }

    static void name(String operation, String name) {
        if (name == null || name.isBlank()) {
            throw bad(operation, "The token name must not be blank");
        }
    }

    static void scopes(String operation, Collection<String> scopes) {
        if (scopes.isEmpty()) {
            throw bad(operation, "At least one scope is needed. Valid scopes: "
                    + List.copyOf(GitLabScopes.CATALOGUE.all().stream().map(s -> s.name()).toList()));
        }
        GitLabScopes.CATALOGUE.requireKnown(scopes);
    }

    /** The scopes of a project or group token: none of {@link GitLabScopes#NOT_FOR_RESOURCE_TOKENS}. */
    static void resourceScopes(String operation, Collection<String> scopes) {
        List<String> refused = scopes.stream().filter(GitLabScopes.NOT_FOR_RESOURCE_TOKENS::contains).toList();
        if (!refused.isEmpty()) {
            throw bad(operation, "Project and group access tokens cannot hold " + refused + " (GitLab allows them the"
                    + " bot scope set: no " + GitLabScopes.NOT_FOR_RESOURCE_TOKENS + ")");
        }
    }

    /**
     * An expiry date must be after today (UTC): a GitLab token is already dead from 00:00 UTC of its
     * {@code expires_at} date. It may be at most {@code maxDays} days ahead.
     */
    static void expiry(String operation, Optional<LocalDate> expiry, Clock clock, int maxDays) {
        if (expiry.isEmpty()) {
            return;
        }
        LocalDate expiresOn = expiry.get();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!expiresOn.isAfter(today)) {
            throw bad(operation, "The expiry date " + expiresOn + " is not after today (" + today
                    + " UTC); a GitLab token stops working at 00:00 UTC of its expiry date");
        }
        if (expiresOn.isAfter(today.plusDays(maxDays))) {
            throw bad(operation, "The expiry date " + expiresOn + " is more than " + maxDays + " days ahead (latest "
                    + today.plusDays(maxDays) + "); GitLab's maximum token lifetime is 365 days, 400 on instances"
                    + " that allow it (GitLabClient.withMaxTokenLifetime)");
        }
    }

    /** A role a project or group token may get: one of {@link GitLabAccessLevel#TOKEN_ROLES}. */
    static void accessLevel(GitLabAccessLevel level) {
        GitLabAccessLevel.tokenRole(level.value());
    }

    /** A token id: digits, or {@code self} where allowed. */
    static String tokenId(String operation, String id, boolean allowSelf) {
        if (id == null || id.isBlank()) {
            throw bad(operation, "The token id must not be blank");
        }
        if (allowSelf && id.equals(GitLabEndpoints.SELF)) {
            return id;
        }
        if (!id.chars().allMatch(c -> c >= '0' && c <= '9') || id.length() > 18) {
            throw bad(operation, "A GitLab token id is a number" + (allowSelf ? " or 'self'" : ""));
        }
        return id;
    }

    /** A user id: digits. */
    static String userId(String operation, String id) {
        if (id == null || id.isBlank() || !id.chars().allMatch(c -> c >= '0' && c <= '9') || id.length() > 18) {
            throw bad(operation, "A GitLab user id is a number");
        }
        return id;
    }

    /** A project or group: a numeric id or a full path such as {@code group/project}. */
    static String resource(String operation, String kind, String id) {
        if (id == null || id.isBlank()) {
            throw bad(operation, "The " + kind + " id or path must not be blank");
        }
        return id;
    }
}
