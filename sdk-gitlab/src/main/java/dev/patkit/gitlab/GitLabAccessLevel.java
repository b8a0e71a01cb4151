package dev.patkit.gitlab;

import dev.patkit.core.ValidationException;
import java.util.EnumSet;
import java.util.Set;

/**
 * GitLab's roles with their numeric values ({@code Gitlab::Access.all_values}): all eight are
 * accepted as a {@code min_access_level}; a project or group access token's bot user gets one of
 * {@link #TOKEN_ROLES}.
 *
 * <p>GitLab refuses a token role higher than the caller's own; {@link #MAINTAINER} is GitLab's
 * default.
 */
public enum GitLabAccessLevel {
    /** Minimal access, 5 (a filter value; not a token role). */
    MINIMAL_ACCESS(5),
    /** Guest, 10. */
    GUEST(10),
    /** Planner, 15. */
    PLANNER(15),
    /** Reporter, 20. */
    REPORTER(20),
    /** Security Manager, 25 (a filter value; not a token role). */
    SECURITY_MANAGER(25),
    /** Developer, 30. */
    DEVELOPER(30),
    /** Maintainer, 40 (GitLab's default for access tokens). */
    MAINTAINER(40),
    /** Owner, 50. */
    OWNER(50);

    /**
     * The roles a project or group access token may get ({@code access_level}): 10, 15, 20, 30, 40
     * and 50 (github-gitlab.md, GitLab §3 "Project access tokens").
     */
    public static final Set<GitLabAccessLevel> TOKEN_ROLES = Set.copyOf(EnumSet.of(GUEST, PLANNER, REPORTER,
            DEVELOPER, MAINTAINER, OWNER));

    private final int value;

    GitLabAccessLevel(int value) {
        this.value = value;
    }

    /** @return GitLab's number for the role, for example 40 */
    public int value() {
        return value;
    }

    /**
     * The level for GitLab's number.
     *
     * @param value one of 5, 10, 15, 20, 25, 30, 40, 50
     * @return the level
     * @throws ValidationException for any other number
     */
    public static GitLabAccessLevel of(int value) {
        for (GitLabAccessLevel level : values()) {
            if (level.value == value) {
                return level;
            }
        }
        throw ValidationException.badInput("gitlab", "check access level", "Access level " + value
                + " is not a GitLab role; use one of 5 (Minimal access), 10 (Guest), 15 (Planner), 20 (Reporter),"
                + " 25 (Security Manager), 30 (Developer), 40 (Maintainer) or 50 (Owner)");
    }

    /**
     * The role for a project or group access token.
     *
     * @param value one of 10, 15, 20, 30, 40, 50
     * @return the level
     * @throws ValidationException for any other number (5 and 25 are not token roles)
     */
    public static GitLabAccessLevel tokenRole(int value) {
        for (GitLabAccessLevel level : TOKEN_ROLES) {
            if (level.value == value) {
                return level;
            }
        }
        throw ValidationException.badInput("gitlab", "check access level", "Access level " + value
                + " cannot be given to an access token; use one of 10 (Guest), 15 (Planner), 20 (Reporter),"
                + " 30 (Developer), 40 (Maintainer) or 50 (Owner)");
    }
}
