package dev.patkit.gitlab;

import dev.patkit.core.Authorization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One permission grant of a GitLab granular (fine-grained) access token, from the record's
 * {@code granular_scopes}: an access kind, its permissions, and the project or group it applies to.
 *
 * <p>GitLab reports a granular token's {@code scopes} as {@code ["granular"]}, which says nothing
 * about what it may do, so Patkit reports its {@link Authorization#scopes()} as unknown (scope
 * questions answer {@link dev.patkit.core.Permission#UNKNOWN UNKNOWN}, never DENIED); these grants
 * are what GitLab does say (list and get since GitLab 19.2, {@code .../self} since 19.5). Their
 * vocabulary is young, so values are kept as GitLab sends them. Immutable.
 *
 * @param access the kind of access, as sent (for example a resource selection), if sent
 * @param permissions the permission names, as sent
 * @param projectId the project the grant applies to, if any
 * @param groupId the group the grant applies to, if any
 */
public record GitLabGranularScope(Optional<String> access, List<String> permissions, Optional<String> projectId,
        Optional<String> groupId) {

    /**
     * Creates a grant.
     *
     * @param access the access kind
     * @param permissions the permissions
     * @param projectId the project id
     * @param groupId the group id
     */
    public GitLabGranularScope {
        Objects.requireNonNull(access, "access");
        permissions = List.copyOf(permissions);
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(groupId, "groupId");
    }

    /**
     * The granular grants of a GitLab token record.
     *
     * @param authorization a record from a GitLab client
     * @return the grants, in GitLab's order; empty for a token without granular scopes
     */
    public static List<GitLabGranularScope> of(Authorization authorization) {
        Object raw = authorization.raw().get("granular_scopes");
        if (!(raw instanceof List<?> items)) {
            return List.of();
        }
        List<GitLabGranularScope> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof Map<?, ?> m) {
                List<String> permissions = new ArrayList<>();
                if (m.get("permissions") instanceof List<?> ps) {
                    ps.forEach(p -> permissions.add(String.valueOf(p)));
                }
                out.add(new GitLabGranularScope(text(m.get("access")), permissions, text(m.get("project_id")),
                        text(m.get("group_id"))));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether a GitLab token record is of a granular token ({@code "granular": true}, or scopes
     * {@code ["granular"]}); its {@link Authorization#scopes()} are then unknown.
     *
     * @param authorization a record from a GitLab client
     * @return true for a granular token
     */
    public static boolean isGranular(Authorization authorization) {
        return Boolean.TRUE.equals(authorization.raw().get("granular"))
                || List.of("granular").equals(authorization.raw().get("scopes"));
    }

    private static Optional<String> text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? Optional.empty()
                : Optional.of(String.valueOf(value));
    }
}
