package dev.patkit.testkit;

import java.util.Objects;

/**
 * A user account seeded into a fake: id, login (GitLab's username), display name, kind and e-mail.
 *
 * <p>Ids are strings so one type serves GitLab and GitHub (numeric) and AtomGit (24 hex). Fakes
 * create users with {@code addUser(...)}; the project and group token bots of the GitLab fake are
 * users of kind {@link Kind#BOT}. Immutable.
 *
 * @param id the id, as the provider writes it
 * @param login the login or username
 * @param name the display name
 * @param kind the kind of account
 * @param email the e-mail address, or null
 */
public record FakeUser(String id, String login, String name, Kind kind, String email) {

    /** What kind of account a user is. */
    public enum Kind {
        /** A person. */
        USER,
        /** A person with administrator rights (GitLab: may act on every user's tokens). */
        ADMIN,
        /** A bot account (GitLab project and group token users, GitHub apps). */
        BOT,
        /** A service account. */
        SERVICE_ACCOUNT
    }

    /**
     * Creates a user.
     *
     * @param id the id, not null
     * @param login the login, not null
     * @param name the display name, not null
     * @param kind the kind, not null
     * @param email the e-mail, or null
     */
    public FakeUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** @return whether the user is an administrator */
    public boolean isAdmin() {
        return kind == Kind.ADMIN;
    }
}
