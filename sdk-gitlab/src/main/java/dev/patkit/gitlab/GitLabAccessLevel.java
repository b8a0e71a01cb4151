package dev.patkit.gitlab;

import dev.patkit.core.ValidationException;

/**
 * The role a project or group access token's bot user gets, with GitLab's numeric value.
 *
 * <p>GitLab refuses a role higher than the caller's own; {@link #MAINTAINER} is GitLab's default.
 */
public enum GitLabAccessLevel {
    /** Guest, 10. */
    GUEST(10),
    /** Planner, 15. */
    PLANNER(15),
    /** Reporter, 20. */
    REPORTER(20),
    /** Developer, 30. */
    DEVELOPER(30),
    /** Maintainer, 40 (GitLab's default for access tokens). */
    MAINTAINER(40),
    /** Owner, 50. */
    OWNER(50);

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
     * @param value one of 10, 15, 20, 30, 40, 50
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
                + " is not a GitLab role; use one of 10 (Guest), 15 (Planner), 20 (Reporter), 30 (Developer),"
                + " 40 (Maintainer) or 50 (Owner)");
    }
}
