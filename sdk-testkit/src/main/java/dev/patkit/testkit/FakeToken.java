package dev.patkit.testkit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A token a fake holds, as handed to the test that seeded or minted it: its id, name, owner,
 * scopes, expiry, kind and the secret.
 *
 * <p>A snapshot taken when the token was issued: a later rotation or revocation at the fake does
 * not change it (ask the fake for the current standing). {@link #toString()} never shows the
 * secret. Immutable.
 */
public final class FakeToken {

    private final String id;
    private final String name;
    private final String secret;
    private final FakeUser owner;
    private final List<String> scopes;
    private final Instant expiresAt;
    private final TokenSeed.Kind kind;

    /**
     * Creates a snapshot.
     *
     * @param id the provider's token id (GitLab numeric id, GitHub/AtomGit a fake-local id, an AK)
     * @param name the token name
     * @param secret the secret
     * @param owner the owner, or null (IAM tokens and access keys of the ServiceStage fake)
     * @param scopes the scopes
     * @param expiresAt when it dies, or null for never
     * @param kind the kind
     */
    public FakeToken(String id, String name, String secret, FakeUser owner, List<String> scopes, Instant expiresAt,
            TokenSeed.Kind kind) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = name;
        this.secret = Objects.requireNonNull(secret, "secret");
        this.owner = owner;
        this.scopes = List.copyOf(scopes);
        this.expiresAt = expiresAt;
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** @return the token id at the provider */
    public String id() {
        return id;
    }

    /** @return the token name, or null */
    public String name() {
        return name;
    }

    /** @return the secret: send it as the provider expects */
    public String secret() {
        return secret;
    }

    /** @return the owner, if any */
    public Optional<FakeUser> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return the scopes as seeded (empty for kinds that report none) */
    public List<String> scopes() {
        return scopes;
    }

    /** @return when the token stops working, if it does */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** @return the kind */
    public TokenSeed.Kind kind() {
        return kind;
    }

    /** @return a description without the secret */
    @Override
    public String toString() {
        return "FakeToken[id=" + id + ", name=" + name + ", kind=" + kind + ", owner="
                + (owner == null ? null : owner.login()) + ", scopes=" + scopes + ", expiresAt=" + expiresAt + "]";
    }
}
