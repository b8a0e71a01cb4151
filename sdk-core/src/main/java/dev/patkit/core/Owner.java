package dev.patkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a token acts as.
 *
 * @param id the provider's id for the owner, as text (AtomGit ids are 24 hex characters)
 * @param login the login or user name, if known
 * @param name the display name, if known
 * @param kind user, bot or service account
 */
public record Owner(String id, Optional<String> login, Optional<String> name, Kind kind) {

    /** The kind of account that owns a token. */
    public enum Kind {
        /** A person's account. */
        USER,
        /** A bot, such as the user behind a GitLab project or group access token. */
        BOT,
        /** A service account. */
        SERVICE_ACCOUNT,
        /** Not known. */
        UNKNOWN
    }

    /**
     * Creates an owner.
     *
     * @param id the provider's id for the owner
     * @param login the login, if known
     * @param name the display name, if known
     * @param kind the kind of account
     */
    public Owner {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * An owner known by id only.
     *
     * @param id the provider's id for the owner
     * @param kind the kind of account
     * @return the owner
     */
    public static Owner of(String id, Kind kind) {
        return new Owner(id, Optional.empty(), Optional.empty(), kind);
    }

    /**
     * An owner known by id and login.
     *
     * @param id the provider's id for the owner
     * @param login the login
     * @param kind the kind of account
     * @return the owner
     */
    public static Owner of(String id, String login, Kind kind) {
        return new Owner(id, Optional.of(login), Optional.empty(), kind);
    }
}
