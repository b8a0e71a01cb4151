package dev.patkit.core;

/** What a {@link ProviderClient} can do over its provider's API. */
public enum Capability {
    /** Inspect the client's own token. */
    INSPECT("inspect a token"),
    /** List tokens. */
    LIST("list tokens"),
    /** Get one token record by id. */
    GET("get a token by id"),
    /** Create a token. */
    CREATE("create a token"),
    /** Rotate a token: revoke it and issue a successor in one step. */
    ROTATE("rotate a token"),
    /** Revoke a token. */
    REVOKE("revoke a token"),
    /** Give credentials for Git over HTTPS. */
    GIT_CREDENTIALS("give Git over HTTPS credentials"),
    /** Attach credentials to the caller's own requests. */
    AUTHENTICATE_REQUESTS("authenticate the caller's own requests");

    private final String description;

    Capability(String description) {
        this.description = description;
    }

    /** @return a short phrase for messages, for example "rotate a token" */
    public String describe() {
        return description;
    }
}
